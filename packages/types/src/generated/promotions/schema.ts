/**
 * Generated from spec/promotions.yaml by packages/types/scripts/generate.mjs (openapi-typescript).
 * Do not edit by hand: change the spec, then run `pnpm generate`.
 */

export interface paths {
    "/v3/promotions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get details of all loyalty promotions
         * @description Returns one page of the organisation's loyalty promotions, filtered by `searchText` and `status`.
         *     Pages are 0-indexed (`page=0` is the first) and hold `size` promotions (default 10); a page with fewer
         *     than `size` promotions is the last.
         *
         *     Organisation-wide: the answer is the same for every user and carries no user's progress (see
         *     **Definitions, not progress**).
         */
        get: operations["listPromotions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/promotions/{promotionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get details of a loyalty promotion using its id
         * @description Returns one promotion: its metadata, who may enrol, and its activities with their milestones and cycles.
         *     `includeDraftDetails=true` adds the draft of a live promotion that also has one; `includeParentDetails=true`
         *     adds the original of a promotion that is a version or a clone.
         */
        get: operations["getPromotion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Envelope of a page of promotions. On success `data` holds the page and `errors` and `warnings` are `null`. */
        PromotionListResponse: {
            /**
             * @description The promotions of the requested page, in the vendor's order; empty past the last page; `null` when the
             *     request failed (see `errors`). The list page's example body could not be read: whether the vendor
             *     wraps the page in an object with totals is not known, and this is the contract's decision.
             */
            data: components["schemas"]["Promotion"][] | null;
            /** @description Errors of the call; `null` on success. */
            errors: components["schemas"]["ErrorItem"][] | null;
            /** @description Warnings of the call; `null` when there are none. */
            warnings: components["schemas"]["WarningItem"][] | null;
        };
        /** @description Envelope of one promotion. On success `data` holds it and `errors` and `warnings` are `null`. */
        PromotionResponse: {
            /** @description The promotion; `null` when the request failed (see `errors`). */
            data: components["schemas"]["Promotion"] | null;
            /** @description Errors of the call; `null` on success. */
            errors: components["schemas"]["ErrorItem"][] | null;
            /** @description Warnings of the call; `null` when there are none. */
            warnings: components["schemas"]["WarningItem"][] | null;
        };
        /** @description Envelope of a failed call (HTTP 4xx or 5xx). */
        ErrorResponse: {
            /** @description Always `null` on failure. */
            data: null;
            /** @description What went wrong. */
            errors: components["schemas"]["ErrorItem"][];
            /** @description Warnings of the call; usually `null`. */
            warnings: components["schemas"]["WarningItem"][] | null;
        };
        /** @description One error of a call. */
        ErrorItem: {
            /**
             * Format: int64
             * @description Vendor error code. The vendor documents none for these operations.
             * @example 400
             */
            code: number;
            /**
             * @description Human-readable error message.
             * @example Invalid request
             */
            message: string;
        };
        /** @description One warning of a call. */
        WarningItem: {
            /**
             * @description Human-readable warning message.
             * @example Draft details are not available
             */
            message: string;
        };
        /**
         * @description A loyalty promotion definition: its metadata, who may enrol, and its activities. Only `metadata` is in
         *     every example body; the vendor's GET example shows nothing else, so the other members are optional.
         */
        Promotion: {
            /**
             * @description Unique id of the promotion, the `promotionId` of `GET /v3/promotions/{promotionId}`. Not shown in the
             *     vendor's example bodies (declared so that a page's promotions can be fetched one by one); absent until
             *     real traffic shows where the id is carried.
             * @example 6903253184daf5486232dec9
             */
            id?: string;
            metadata: components["schemas"]["PromotionMetadata"];
            customerEnrolment?: components["schemas"]["CustomerEnrolment"];
            /** @description How the cost of the promotion's rewards is split between programmes or partners. Empty in the vendor's examples; its items are not documented. */
            liabilityOwnerSplitInfo?: Record<string, unknown>[];
            /** @description The customer activities the promotion tracks, each with its milestones. Absent from the vendor's GET example (its page shows `metadata` only). */
            activities?: components["schemas"]["Activity"][];
        };
        /** @description The promotion's core settings. */
        PromotionMetadata: {
            /**
             * @description Name of the promotion.
             * @example Single Milestone Promotion
             */
            name: string;
            /**
             * @description Description of the promotion.
             * @example Spend over $50 in a single transaction to get 100 bonus points.
             */
            description?: string;
            /**
             * @description Identifier of the loyalty programme the promotion belongs to. A string in the vendor's GET example
             *     (`HiddenGemDefaultProgram_ID`) and a number in its create and update bodies (`973`); both are accepted.
             * @example 973
             */
            programId?: string | number;
            /**
             * Format: int64
             * @description Identifier of the organisation that owns the promotion.
             * @example 100458
             */
            orgId?: number;
            /**
             * Format: date-time
             * @description Start of the promotion, RFC 3339 (`Z` in the GET example, `+05:30` in the update body).
             * @example 2026-02-03T12:28:00+05:30
             */
            startDate: string;
            /**
             * Format: date-time
             * @description End of the promotion, RFC 3339.
             * @example 2026-02-28T12:28:59+05:30
             */
            endDate: string;
            /**
             * @description IANA time zone the promotion's dates are evaluated in.
             * @example Asia/Kolkata
             */
            timezoneName?: string;
            promotionType: components["schemas"]["PromotionType"];
            status: components["schemas"]["PromotionStatus"];
            /**
             * @description The promotion's external identifier; `null` when none is set (as in the GET example).
             * @example single-milestone-promotion
             */
            promoIdentifier?: string | null;
            /**
             * Format: int64
             * @description Numeric id of the promotion in the loyalty engine; `0` for a draft in the vendor's example. Not the id of the path.
             * @example 0
             */
            promotionId?: number;
            /**
             * Format: date-time
             * @description Time the promotion was created, RFC 3339.
             * @example 2025-10-30T08:43:29Z
             */
            createdOn?: string;
            /**
             * Format: date-time
             * @description Time the promotion was last modified, RFC 3339. Named in the GET example where the page's copy breaks off (`lastModifiedO…`); its value was not read.
             * @example 2025-10-30T08:43:29Z
             */
            lastModifiedOn?: string;
            /**
             * Format: int64
             * @description Identifier of the user who last modified the promotion (the update body's example).
             * @example 75139931
             */
            lastModifiedBy?: number;
            /** @description Custom metadata of the promotion. Empty in the vendor's examples; its items are not documented. */
            promotionMetadata?: Record<string, unknown>[];
        };
        /** @description Who is enrolled in the promotion, and how. */
        CustomerEnrolment: {
            enrolmentMethod?: components["schemas"]["EnrolmentMethod"];
        };
        /**
         * @description A customer activity the promotion tracks: one event (`SINGLE`) or a group of activities (`GROUP`), with its
         *     milestones. A `SINGLE` activity has at most one milestone.
         */
        Activity: {
            /**
             * @description Identifier of the activity within the promotion.
             * @example activity_1770015539223
             */
            id?: string;
            /**
             * @description Name of the activity.
             * @example Activity 1
             */
            name: string;
            type: components["schemas"]["ActivityType"];
            /**
             * @description The event that drives the activity, for example `TransactionAdd`. Cannot change after creation for a `SINGLE` activity.
             * @example TransactionAdd
             */
            event?: string;
            /** @description The activity's milestones (targets): what is tracked, how, and over which cycles. */
            milestones?: components["schemas"]["PromotionMilestone"][];
        };
        /**
         * @description A milestone of a promotion's activity: the definition of a target a customer may reach, over which windows,
         *     with one cycle mapping per cycle. It carries no customer's progress.
         */
        PromotionMilestone: {
            /**
             * @description Name of the milestone; the vendor's example composes it as `promotion~activity~milestone`.
             * @example Single Milestone Promotion~Activity 1~Milestone 1770015543
             */
            name: string;
            trackingType: components["schemas"]["TrackingType"];
            targetEvaluationType: components["schemas"]["TargetEvaluationType"];
            frequencyType?: components["schemas"]["FrequencyType"];
            /**
             * @description Whether every cycle triggers the same actions (rewards).
             * @example true
             */
            sameActionsForEveryCycle?: boolean;
            /**
             * @description Whether each cycle has its own target value.
             * @example false
             */
            differentTargetsForEveryCycle?: boolean;
            /**
             * @description Whether the milestone feeds a leaderboard.
             * @example false
             */
            leaderboardEnabled?: boolean;
            /**
             * Format: int64
             * @description Till the milestone's events are attributed to by default.
             * @example 75216507
             */
            preferredTillId?: number;
            targetEntity: components["schemas"]["TargetEntity"];
            targetType: components["schemas"]["TargetType"];
            /** @description The milestone's cycles, each with its dates (and, per the create page, its target and actions). */
            cycleActionMapping?: components["schemas"]["CycleActionMapping"][];
        };
        /** @description One cycle of a milestone. */
        CycleActionMapping: {
            /**
             * @description Name of the cycle, `Cycle_1` for the first.
             * @example Cycle_1
             */
            cycle: string;
            /**
             * Format: date-time
             * @description Start of the cycle, RFC 3339 with the promotion's offset.
             * @example 2026-02-03T12:28:00+05:30
             */
            startDate: string;
            /**
             * Format: date-time
             * @description End of the cycle, RFC 3339 with the promotion's offset.
             * @example 2026-02-09T23:59:59+05:30
             */
            endDate: string;
            /**
             * @description Value a customer must reach in this cycle. The vendor's example breaks off before the cycle's other
             *     members; the field is declared because `differentTargetsForEveryCycle` says targets are set per cycle,
             *     and its name is the contract's assumption until real traffic shows it.
             * @example 5
             */
            targetValue?: number;
        };
        /**
         * @description State of a promotion. The list page names six values, the unified-promotions page ten. Open enum: other
         *     values may appear.
         * @example LIVE
         * @enum {string}
         */
        PromotionStatus: "DRAFT" | "ACTIVE" | "PAUSED" | "PENDING_APPROVAL" | "STOPPED" | "SNAPSHOT" | "LIVE" | "UPCOMING" | "COMPLETED" | "PUBLISH_FAILED" | (string & {});
        /**
         * @description Kind of promotion: `GENERIC` (available without issue), `LOYALTY` (direct issue), `LOYALTY_EARNING`
         *     (enrol and issue). Open enum: other values may appear.
         * @example LOYALTY
         * @enum {string}
         */
        PromotionType: "GENERIC" | "LOYALTY" | "LOYALTY_EARNING" | (string & {});
        /**
         * @description How customers are enrolled. The pages show `TRANSACTION` and name list imports and audience segments
         *     without their values. Open enum: other values may appear.
         * @example TRANSACTION
         * @enum {string}
         */
        EnrolmentMethod: "TRANSACTION" | (string & {});
        /**
         * @description `SINGLE` (one event) or `GROUP` (several activities). Open enum: other values may appear.
         * @example SINGLE
         * @enum {string}
         */
        ActivityType: "SINGLE" | "GROUP" | (string & {});
        /**
         * @description Length of a milestone's cycle. Open enum; other values may appear.
         * @example WEEKLY
         * @enum {string}
         */
        FrequencyType: "DAILY" | "WEEKLY" | "MONTHLY" | "QUARTERLY" | "HALF_YEARLY" | "YEARLY" | "CUSTOM" | (string & {});
        /**
         * @description How progress on a milestone is tracked, the same names as the retiring endpoint's `trackingType`.
         *     Open enum: other values may appear.
         * @example DEFAULT
         * @enum {string}
         */
        TrackingType: "DEFAULT" | "UNIFIED" | "STREAKS" | "CAPPING" | "NON_CONTINUOUS_STREAKS" | (string & {});
        /**
         * @description How a milestone's windows are evaluated, the same names as the retiring endpoint's
         *     `targetEvaluationType`. Open enum: other values may appear.
         * @example FIXED_CALENDAR_WINDOW
         * @enum {string}
         */
        TargetEvaluationType: "FIXED_CALENDAR_WINDOW" | "CYCLIC_WINDOW" | "PERIOD_AGNOSTIC_WINDOW" | (string & {});
        /**
         * @description The KPI a milestone is tracked on, the same names as the retiring endpoint's `targetEntity`. Open enum; other values may appear.
         * @example TRANSACTION
         * @enum {string}
         */
        TargetEntity: "TRANSACTION" | "LINEITEM" | "EVENT" | "REWARDS" | "POINTS" | "ALTERNATE_CURRENCIES" | (string & {});
        /**
         * @description What a milestone measures within its entity, the same names as the retiring endpoint's `targetType`. Open enum; other values may appear.
         * @example COUNT
         * @enum {string}
         */
        TargetType: "QUANTITY" | "SALES" | "COUNT" | "VISIT" | "GROSS_SALES" | "REGULAR_POINTS" | "PROMOTIONAL_POINTS" | "ALL_POINTS" | "EXTENDED_FIELD" | "EVENT_ATTRIBUTE" | "ALL" | "REGULAR" | "PROMOTION" | "PROMOTIONAL" | (string & {});
    };
    responses: {
        /** @description Invalid request, for example a `page` that is not a number or a malformed promotion id. */
        BadRequest: {
            headers: {
                "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Missing or invalid credentials (wrong till user name or password digest, expired OAuth token). */
        Unauthorized: {
            headers: {
                "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The credentials are valid but not allowed to read promotions. */
        Forbidden: {
            headers: {
                "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Backend failure. */
        ServerError: {
            headers: {
                "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
    };
    parameters: {
        /**
         * @description Whether to add the draft version of a promotion that exists both as a live version and as a draft.
         * @example false
         */
        includeDraftDetails: boolean;
    };
    requestBodies: never;
    headers: {
        /**
         * @description Identifier the vendor assigns to the request; quote it when reporting a problem.
         * @example 7ab1c4e2-3f8e-4d5a-9b0c-2e6f1a8d9c34
         */
        XCapRequestId: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listPromotions: {
        parameters: {
            query?: {
                /**
                 * @description Returns only promotions whose name or description contains this text, for example `Holiday Bonus`.
                 * @example sign up
                 */
                searchText?: string;
                /**
                 * @description Returns only promotions in one of these states, comma-separated (`ACTIVE,UPCOMING`). The list page
                 *     names `DRAFT`, `ACTIVE`, `PAUSED`, `PENDING_APPROVAL`, `LIVE` and `UPCOMING`; the unified-promotions
                 *     page adds `STOPPED`, `SNAPSHOT`, `COMPLETED` and `PUBLISH_FAILED`.
                 * @example [
                 *       "LIVE",
                 *       "UPCOMING"
                 *     ]
                 */
                status?: components["schemas"]["PromotionStatus"][];
                /**
                 * @description Page to return, 0-indexed (`0` is the first page).
                 * @example 0
                 */
                page?: number;
                /**
                 * @description Number of promotions per page. A positive integer; the vendor documents no maximum.
                 * @example 20
                 */
                size?: number;
                /**
                 * @description Whether to add the draft version of a promotion that exists both as a live version and as a draft.
                 * @example false
                 */
                includeDraftDetails?: components["parameters"]["includeDraftDetails"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description One page of promotions. "Not found" and similar conditions may come back as HTTP 200 with `data: null`
             *     and an `errors` list, as on the retiring endpoint.
             */
            200: {
                headers: {
                    "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromotionListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getPromotion: {
        parameters: {
            query?: {
                /**
                 * @description Whether to add the draft version of a promotion that exists both as a live version and as a draft.
                 * @example false
                 */
                includeDraftDetails?: components["parameters"]["includeDraftDetails"];
                /**
                 * @description Whether to add the parent promotion when this one is a version or a clone of it.
                 * @example false
                 */
                includeParentDetails?: boolean;
            };
            header?: never;
            path: {
                /**
                 * @description Unique id of the promotion, 24 hexadecimal digits in the vendor's example.
                 * @example 6903253184daf5486232dec9
                 */
                promotionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description The promotion. An unknown id may come back as HTTP 200 with `data: null` and an `errors` list, or as
             *     404; the vendor documents neither.
             */
            200: {
                headers: {
                    "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromotionResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No promotion with this id (or a mistyped path). */
            404: {
                headers: {
                    "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            500: components["responses"]["ServerError"];
        };
    };
}
