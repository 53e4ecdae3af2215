/** Specs for the reader's tests: the contract's text, and a second spec of its own. */
import { readFileSync } from 'node:fs';
import { specPath } from '../../src/index.ts';

export const contractText = (): string => readFileSync(specPath, 'utf8');

/** A spec of its own with two operations on one resource, path-item parameters, a server base path. */
export const promotionsText = `openapi: 3.1.0
info: { title: Promotions, version: '1' }
servers:
  - url: https://eu.api.example.test/api/{version}
    variables: { version: { default: v3 } }
security:
  - basicAuth: []
paths:
  /promotions:
    get:
      operationId: listPromotions
      parameters:
        - { name: page, in: query, schema: { type: integer, minimum: 0 } }
        - { name: size, in: query, required: true, schema: { type: integer } }
      responses:
        '200':
          description: A page of promotions.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/PromotionPage' }
              examples:
                firstPage: { $ref: '#/components/examples/firstPage' }
        4XX:
          description: A client error.
          content:
            application/problem+json:
              schema: { $ref: '#/components/schemas/Problem' }
        default:
          description: Anything else.
  /promotions/{promotionId}:
    parameters:
      - { name: promotionId, in: path, required: true, schema: { type: string } }
      - { name: lang, in: query, description: from the path item, schema: { type: string } }
    get:
      security: []
      parameters:
        - { name: lang, in: query, description: from the operation, schema: { type: string, enum: [en, fr] } }
      responses:
        '200':
          description: One promotion.
          content:
            application/json:
              schema:
                anyOf:
                  - $ref: '#/components/schemas/Promotion'
                  - type: 'null'
  /promotions/search:
    get:
      operationId: searchPromotions
      responses:
        '200': { description: Found. }
  /promotions/{promotionId}/rules:
    $ref: '#/components/pathItems/Rules'
components:
  pathItems:
    Rules:
      parameters:
        - { name: promotionId, in: path, required: true, schema: { type: string } }
      get:
        operationId: listRules
        responses:
          '404': { $ref: '#/components/responses/NotFound' }
  responses:
    NotFound:
      description: No such promotion.
      content:
        application/json:
          schema: { $ref: '#/components/schemas/Problem' }
  securitySchemes:
    basicAuth: { type: http, scheme: basic }
  examples:
    firstPage:
      summary: The first page
      value: { content: [{ id: p1, name: Spring }], page: 0 }
  schemas:
    Promotion:
      type: object
      properties:
        id: { type: string }
        name: { type: [string, 'null'] }
    PromotionPage:
      type: object
      properties:
        content: { type: array, items: { $ref: '#/components/schemas/Promotion' } }
        page: { type: integer }
    Problem:
      type: object
      properties: { title: { type: string } }
`;
