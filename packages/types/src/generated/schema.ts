/**
 * Generated from spec/targetGroups.yaml by packages/types/scripts/generate.mjs (openapi-typescript).
 * Do not edit by hand: change the spec, then run `pnpm generate`.
 */

export interface paths {
    "/v3/users/{userId}/targetGroups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get associated target groups of a user
         * @deprecated
         * @description **Deprecated by the vendor:** this API is being phased out and will no longer be available for viewing
         *     milestones. Use **[Get Details of all Loyalty Promotions](https://docs.capillarytech.com/)** (in the
         *     vendor's API documentation) instead.
         *
         *     Returns the target groups a loyalty user is enrolled in, with the user's progress in each: for every target
         *     group its targets (one per period, or cycle), each target's milestones, and, for target groups that track
         *     streaks, the user's streaks.
         *
         *     How the pieces fit together:
         *
         *     - A **target group** is a goal the programme sets, such as "buy 10 times in one month to unlock a
         *       voucher". `targetEvaluationType` says how its periods run (fixed calendar windows, cycles, or no period)
         *       and `trackingType` how progress counts (`DEFAULT`, `STREAKS`, ...).
         *     - A **target** is that goal for one period: `targetValue` is what the user must reach,
         *       `targetAchievedValue` what the user has reached so far, and `targetAchievedDateTime` (or its ISO
         *       replacement) when the target was achieved; `null` while it is not.
         *     - A **milestone** is a checkpoint inside a target, reached when the progress passes its `triggerValue`
         *       (`isAchieved`). A target without milestones has `milestones: null`.
         *     - A **streak** counts consecutive achieved targets of a target group: `currentCount` out of
         *       `totalTargetCountOfSequence`, with `status` `ACHIEVED` once complete.
         *
         *     `includeInactive=true` returns every cycle of each target group instead of only the current one (the
         *     default), `includeInactiveTargets=true` adds inactive target groups, and `targetRuleId` narrows the answer
         *     to one target or target group.
         *
         *     Check `errors` on every response, including HTTP 200: a user that cannot be found is reported with
         *     status 200, `data: null` and an `errors` list.
         */
        get: operations["getUserTargetGroups"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api_gateway/intouch-api-v3/v3.1/users/{userId}/targetGroups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get associated target groups of a user (connected organisations)
         * @description The connected-organisations variant of **Get associated target groups of a user**: the same answer (the
         *     same schemas as the v3 operation), for a parent organisation and its brand (child) organisations, scoped by
         *     the `DATA-SCOPE` header. Each target group carries the `orgId` of the organisation it belongs to.
         *
         *     | `DATA-SCOPE` | Parent authenticates | Child authenticates |
         *     |---|---|---|
         *     | `SELF` (the default when the header is absent) | the parent's data | that child's data |
         *     | `OTHER` | the data of the child organisations listed in `DATA-SCOPE-ORG` (at most two; mandatory) | that child's data, when `DATA-SCOPE-ORG` names it (as `SELF`) |
         *     | `ALL` | the parent's and every child's data; a parent with more than two children gets an error | the parent's and that child's data |
         *
         *     Sources, and what they disagree on:
         *
         *     - The endpoint's page, [Get Associated Target Groups of a User](https://docs.capillarytech.com/reference/connectedorgs-get-associated-target-groups-of-a-user)
         *       (connected orgs; API reference operation `connectedorgs-get-associated-target-groups-of-a-user`): the
         *       headers `DATA-SCOPE` (`SELF`, `OTHER`, `ALL`) and `DATA-SCOPE-ORG` ("List of Organization IDs"), its
         *       request sample (`DATA-SCOPE: SELF` with `DATA-SCOPE-ORG: 50363`) and the response body of the
         *       `connectedOrgsSelfScope` example.
         *     - [Connected orgs: Data Scopes](https://docs.capillarytech.com/reference/connected-orgs-data-scopes): the
         *       rules in the table above; `SELF` is the default "if no header is provided"; its GET section names the
         *       second header `DATA-SCOPE-ORGS` (an earlier version of the page: `CONNECTED-ORGS`), its POST section
         *       `DATA-SCOPE-ORG`.
         *
         *     This contract takes the header names of the endpoint's own page and its request sample: `DATA-SCOPE` and
         *     `DATA-SCOPE-ORG`. It takes `DATA-SCOPE` as optional with the default `SELF`, as the data-scopes page says;
         *     a secondary account of the endpoint's page lists it as required. Neither page gives the status or the code
         *     of the errors it names (`OTHER` without `DATA-SCOPE-ORG`, `ALL` for a parent with more than two children);
         *     this contract assumes 400, as for other invalid input. The endpoint's sample sends `DATA-SCOPE-ORG` with
         *     `SELF` too, without saying what it changes. Captured traffic checked against this contract says which form
         *     the real API accepts and answers: where it departs, the contract changes.
         *
         *     Unlike the v3 path, the vendor's page does not mark this variant as being phased out.
         */
        get: operations["getConnectedOrgUserTargetGroups"];
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
        /**
         * @description Envelope of the 200 response. On success `data` holds the user's target groups and `errors` and `warnings`
         *     are `null`. "Not found" conditions also come back with HTTP 200: then `data` is `null` and `errors` lists
         *     the problem.
         */
        TargetGroupsResponse: {
            /** @description The user's target groups; `null` when the request failed (see `errors`). */
            data: components["schemas"]["UserTargetGroups"] | null;
            /** @description Errors of the call; `null` on success. Set (with `data` null) for "not found" conditions. */
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
             * @description Vendor error code, for example 310011 (invalid userId), 310130 (invalid enrollment type) or 310145 (invalid key).
             * @example 310011
             */
            code: number;
            /**
             * @description Human-readable error message.
             * @example Invalid userId
             */
            message: string;
        };
        /** @description One warning of a call. */
        WarningItem: {
            /**
             * @description Human-readable warning message.
             * @example Some target groups could not be evaluated
             */
            message: string;
        };
        /** @description The user, with the target groups the user is enrolled in. */
        UserTargetGroups: {
            /**
             * Format: int64
             * @description Unique identifier of the user (customer), as requested.
             * @example 566881933
             */
            userId: number;
            customer: components["schemas"]["Customer"];
            /** @description The target groups associated with the user. */
            targetGroups: components["schemas"]["TargetGroup"][];
        };
        /** @description The user's customer record. */
        Customer: {
            /**
             * Format: int64
             * @description Unique identifier of the customer (the same as the user id).
             * @example 566881933
             */
            id: number;
            /** @description The customer's profiles. */
            profiles: components["schemas"]["CustomerProfile"][];
            loyaltyInfo: components["schemas"]["LoyaltyInfo"];
            /**
             * @description The customer's custom fields, by field name. Which fields exist is configured per organisation, so any
             *     name may appear; `gender` is the one seen in real responses. Often empty (`{}`).
             */
            customFields: {
                /**
                 * @description The customer's gender as recorded; may be an empty string.
                 * @example
                 */
                gender?: string;
            } & {
                [key: string]: unknown;
            };
        };
        /** @description One profile of the customer. */
        CustomerProfile: {
            /**
             * @description First name of the customer; may be an empty string.
             * @example Tom
             */
            firstName: string;
            /**
             * @description Last name of the customer; may be an empty string.
             * @example Sawyer
             */
            lastName: string;
            /** @description The customer's communication channels (mobile number, email address, ...). */
            commChannels: components["schemas"]["CommChannel"][];
            /**
             * @description Source through which the profile was created, for example `instore`.
             * @example instore
             */
            source: string;
            /**
             * @description Account id of the customer in the source, for sources with several accounts; often an empty string.
             * @example
             */
            accountId: string;
            /**
             * Format: int64
             * @description Unique identifier of the customer.
             * @example 566881933
             */
            userId: number;
            /**
             * Format: int64
             * @description Identifier of the organisation's source of the profile; `-1` when none.
             * @example -1
             */
            orgSourceId: number;
        };
        /** @description A communication channel of the customer. */
        CommChannel: {
            /**
             * @description Kind of channel, for example `mobile` or `email`.
             * @example mobile
             */
            type: string;
            /**
             * @description Account of the channel, for sources that support several accounts (such as FACEBOOK, WEB_ENGAGE, WECHAT, MOBILE_APP); `null` otherwise.
             * @example null
             */
            accountId: string | null;
            /**
             * @description The channel's value, such as a phone number or an email address.
             * @example 919988221100
             */
            value: string;
            /**
             * @description Whether this is the customer's primary channel of its kind.
             * @example false
             */
            primary: boolean;
            /**
             * @description Whether the channel has been verified.
             * @example false
             */
            verified: boolean;
            /**
             * @description Whether the channel is subscribed to the organisation's bulk messages; `null` when unknown.
             * @example null
             */
            subscribed: boolean | null;
            /**
             * @description Additional details of the channel, by name; `null` when there are none.
             * @example null
             */
            attributes: {
                [key: string]: unknown;
            } | null;
        };
        /** @description The customer's loyalty information. */
        LoyaltyInfo: {
            attribution: components["schemas"]["Attribution"];
            /**
             * @description Type of loyalty membership, for example `loyalty`.
             * @example loyalty
             */
            loyaltyType: string;
            /**
             * @description Total amount of the customer's purchases over the customer's lifetime. Sent as a decimal (`212350.000`) or an integer (`0`).
             * @example 212350
             */
            lifetimePurchases: number;
        };
        /** @description When and by whom a record was created and last updated. */
        Attribution: {
            /**
             * @deprecated
             * @description Creation time in the legacy format `yyyy-MM-ddTHH:mm:ss.SSS±hhmm` (not RFC 3339). Deprecated; replaced by `createdOnISO`.
             * @example 2025-02-28T06:15:10.000+0000
             */
            createdOn: string;
            /**
             * Format: date-time
             * @description Creation time, RFC 3339 in the server's time zone. Absent from older responses.
             * @example 2025-02-28T06:15:10Z
             */
            createdOnISO?: string;
            /**
             * @deprecated
             * @description Time of the last update in the legacy format `yyyy-MM-ddTHH:mm:ss.SSS±hhmm` (not RFC 3339). Never `null`, unlike a target's update time, because creating the record counts as its first update (a record never edited carries its creation time here, as the bodies show). Deprecated; replaced by `lastUpdatedOnISO`.
             * @example 2025-11-20T04:56:36.000+0000
             */
            lastUpdatedOn: string;
            /**
             * Format: date-time
             * @description Time of the last update, RFC 3339 in the server's time zone; never `null`, for the same reason as `lastUpdatedOn`. Absent from older responses.
             * @example 2025-11-20T04:56:36Z
             */
            lastUpdatedOnISO?: string;
            lastUpdatedBy: components["schemas"]["AuditUser"];
            createdBy: components["schemas"]["AuditUser"];
        };
        /**
         * @description The user (an admin user or a till) who created or last updated a record. In a customer's loyalty
         *     information only `id` is known: the other fields are `null`.
         */
        AuditUser: {
            /**
             * Format: int64
             * @description Unique identifier of the admin user or till.
             * @example 75160044
             */
            id: number;
            /**
             * @description Code of the admin user or till; `null` when unknown.
             * @example till.marketsuper
             */
            code: string | null;
            /**
             * @description Description of the admin user or till; often an empty string, `null` when unknown.
             * @example
             */
            description: string | null;
            /**
             * @description Name of the admin user or till; `null` when unknown.
             * @example till.marketsuper
             */
            name: string | null;
            /** @description Kind of user (`ADMIN_USER`, `TILL`, ...); `null` when unknown. */
            type: components["schemas"]["AuditUserType"] | null;
        };
        /**
         * @description A target group the user is enrolled in: a loyalty goal with one target per period and, when it tracks
         *     streaks, the user's streaks.
         */
        TargetGroup: {
            /**
             * Format: int64
             * @description Unique identifier of the target group.
             * @example 2750
             */
            id: number;
            attribution: components["schemas"]["Attribution"];
            /**
             * @description Name of the target group.
             * @example JUSTIN
             */
            name: string;
            /**
             * Format: int64
             * @description Identifier of the organisation that owns the target group. Absent from older responses.
             * @example 100737
             */
            orgId?: number;
            /**
             * Format: int64
             * @description Identifier of the till the target group's events are attributed to by default (64-bit; `-1` has been seen).
             * @example 75197372
             */
            preferredTillId: number;
            /**
             * @description The user's streaks in this target group. A sibling of `targets` (not part of milestones). Absent when
             *     the target group has no streaks to report.
             */
            streaks?: components["schemas"]["Streak"][];
            /** @description The targets of the target group, one per period (cycle) returned. */
            targets: components["schemas"]["Target"][];
            targetEvaluationType: components["schemas"]["TargetEvaluationType"];
            trackingType: components["schemas"]["TrackingType"];
        };
        /** @description One target of a target group for one period, with the user's progress towards it. */
        Target: {
            /**
             * Format: int64
             * @description Unique identifier of the user's target; `null` when the user has no target record for the period yet.
             * @example 97329731
             */
            targetId: number | null;
            /**
             * Format: int64
             * @description Unique identifier of the period.
             * @example 30015
             */
            periodId: number;
            /**
             * Format: int64
             * @description Identifier of the loyalty program; `null` when not set. Absent from older responses.
             */
            programId?: number | null;
            /** @description Identifier of the alternate currency the target counts, generated when the currency was created; `null` for other targets. Absent from older responses. */
            alternateCurrencyIdentifier?: string | null;
            /** @description Unique name of the alternate currency the target counts; `null` for other targets. Absent from older responses. */
            alternateCurrencyName?: string | null;
            /**
             * @description Reference code of the period.
             * @example Cycle_1
             */
            periodRefCode: string;
            /**
             * Format: date
             * @description First day of the period.
             * @example 2025-11-11
             */
            periodStartDate: string;
            /**
             * Format: date
             * @description Last day of the period.
             * @example 2025-12-10
             */
            periodEndDate: string;
            /**
             * @description Value to reach for the target. Sent as a decimal (`10000.000`) or an integer.
             * @example 10000
             */
            targetValue: number;
            /**
             * @description Value the user has reached so far. Sent as a decimal (`3000.000`) or an integer (`0`).
             * @example 3000
             */
            targetAchievedValue: number;
            /**
             * @description Name of the target.
             * @example JUSTIN
             */
            targetName: string;
            targetType: components["schemas"]["TargetType"];
            targetEntity: components["schemas"]["TargetEntity"];
            /**
             * Format: int64
             * @description Identifier of the target's rule; the value to pass as the `targetRuleId` query parameter.
             * @example 2996
             */
            targetRuleId: number;
            /**
             * @deprecated
             * @description Time the user was enrolled in the target, in the legacy format `yyyy-MM-ddTHH:mm:ss.SSS±hhmm` (not RFC 3339). Always present, but `null` while the user is not enrolled (a target the user has no record for yet, `targetId` null), because an enrolment time exists only once the enrolment has happened. Deprecated; replaced by `enrolledOnISO`.
             * @example 2025-11-12T09:51:10.000+0000
             */
            enrolledOn: string | null;
            /**
             * Format: date-time
             * @description Time the user was enrolled in the target, RFC 3339 in the server's time zone; `null` while the user is not enrolled, as `enrolledOn`. Absent from older responses.
             * @example 2025-11-12T09:51:10Z
             */
            enrolledOnISO?: string | null;
            /**
             * @description Name of the event that counts towards the target, for example `TransactionAdd` or `ReturnBill`.
             * @example TransactionAdd
             */
            eventName: string;
            /**
             * @deprecated
             * @description Start of the period as `yyyy-MM-ddTHH:mm:ss.SSSZ`. Deprecated; replaced by `periodStartDateWithTimeStampISO`.
             * @example 2025-11-11T00:00:00.000Z
             */
            periodStartDateWithTimeStamp: string;
            /**
             * @deprecated
             * @description End of the period as `yyyy-MM-ddTHH:mm:ss.SSSZ`. Deprecated; replaced by `periodEndDateWithTimeStampISO`.
             * @example 2025-12-10T23:59:59.000Z
             */
            periodEndDateWithTimeStamp: string;
            /**
             * @deprecated
             * @description Time the user's progress on the target was last updated, in the legacy format `yyyy-MM-ddTHH:mm:ss.SSS±hhmm` (not RFC 3339); `null` before the first update (the user's target record is written by the first event that counts), because the time exists only once an update has happened. Absent from older responses. Deprecated; replaced by `lastUpdatedOnISO`.
             * @example 2025-11-12T15:33:08.000+0000
             */
            lastUpdatedOn?: string | null;
            /**
             * @deprecated
             * @description Time the user achieved the target, in the legacy format `yyyy-MM-ddTHH:mm:ss.SSS±hhmm` (an offset
             *     without a colon) or with `Z`; `null` while the target is not achieved. Absent from some older responses.
             *     Deprecated; replaced by `targetAchievedDateTimeISO`.
             * @example 2024-06-10T13:56:27.000+0000
             */
            targetAchievedDateTime?: string | null;
            /**
             * Format: date-time
             * @description Start of the period, RFC 3339 in the server's time zone. Absent from older responses.
             * @example 2025-11-11T00:00:00Z
             */
            periodStartDateWithTimeStampISO?: string;
            /**
             * Format: date-time
             * @description End of the period, RFC 3339 in the server's time zone. Absent from older responses.
             * @example 2025-12-10T23:59:59Z
             */
            periodEndDateWithTimeStampISO?: string;
            /**
             * Format: date-time
             * @description Time the user's progress on the target was last updated, RFC 3339 in the server's time zone; `null` before the first update, as `lastUpdatedOn`. Absent from older responses.
             * @example 2025-11-12T15:33:08Z
             */
            lastUpdatedOnISO?: string | null;
            /**
             * Format: date-time
             * @description Time the user achieved the target, RFC 3339 in the server's time zone; `null` while the target is not achieved. Absent from older responses.
             * @example 2024-06-10T13:56:27Z
             */
            targetAchievedDateTimeISO?: string | null;
            /**
             * Format: int64
             * @description Identifier of the event log entry that achieved the target; `null` while the target is not achieved. Absent from older responses.
             */
            targetAchievedEventLogId?: number | null;
            /**
             * @description Whether the target's period is the current one.
             * @example true
             */
            currentPeriod: boolean;
            /**
             * @description Whether the user has been unenrolled from the target. Absent from older responses.
             * @example false
             */
            unEnrolled?: boolean;
            /** @description The target's milestones; `null` when the target has none. */
            milestones: components["schemas"]["Milestone"][] | null;
        };
        /** @description A checkpoint inside a target, reached when the user's progress passes its trigger value. */
        Milestone: {
            /**
             * Format: int64
             * @description Unique identifier of the milestone.
             * @example 201
             */
            id: number;
            /**
             * @description Name of the milestone's trigger, for example `3` or `targetAchieved`.
             * @example targetAchieved
             */
            triggerName: string;
            /**
             * @description Progress value at which the milestone is reached. Sent as a decimal (`3.000000`).
             * @example 3
             */
            triggerValue: number;
            /**
             * @description Whether the user has reached the milestone.
             * @example false
             */
            isAchieved: boolean;
        };
        /**
         * @description The user's streak in a target group: how many targets of a sequence the user has achieved in a row, out of
         *     how many the streak needs.
         */
        Streak: {
            /**
             * Format: int64
             * @description Identifier of the user's streak record; `null` when the user has none yet.
             * @example 380
             */
            userStreakId: number | null;
            /**
             * Format: int64
             * @description Identifier of the streak.
             * @example 191
             */
            streakId: number;
            /**
             * @description Name of the streak.
             * @example test3_1
             */
            streakName: string;
            status: components["schemas"]["StreakStatus"];
            /**
             * Format: int32
             * @description Number of targets of the sequence the user has achieved so far. Never `null`, even before the streak has started (`userStreakId` null, status `NOT_STARTED`), as a count that has not started is `0`.
             * @example 2
             */
            currentCount: number;
            /**
             * Format: int32
             * @description Number of targets the sequence needs for the streak to be achieved.
             * @example 2
             */
            totalTargetCountOfSequence: number;
            /**
             * Format: int64
             * @description Identifier of the user target that completed the streak. It exists only once the streak is achieved, so it is absent (as in the bodies seen) or `null` (for a streak that has not started, with `userStreakId` null) before that.
             * @example 1248310
             */
            streakAchievedUserTargetId?: number | null;
            /**
             * @deprecated
             * @description Time the streak was achieved, in the legacy format `yyyy-MM-ddTHH:mm:ss.SSS±hhmm` (not RFC 3339). It exists only once the streak is achieved, so it is absent or `null` before that (the vendor sends both). Deprecated; replaced by `streakAchievedDateTimeISO`.
             * @example 2024-06-10T13:57:58.000+0000
             */
            streakAchievedDateTime?: string | null;
            /**
             * Format: date-time
             * @description Time the streak was achieved, RFC 3339 in the server's time zone. Absent or `null` while the streak is not achieved, as `streakAchievedDateTime`; absent from older responses.
             * @example 2024-06-10T13:57:58Z
             */
            streakAchievedDateTimeISO?: string | null;
        };
        /**
         * @description How a target group's periods are evaluated: `FIXED_CALENDAR_WINDOW` (calendar periods such as a month),
         *     `CYCLIC_WINDOW` (repeating cycles), `PERIOD_AGNOSTIC_WINDOW` (no period). One vendor page also names
         *     `ROLLING_WINDOW` (unconfirmed). Open enum: other values may appear.
         * @example FIXED_CALENDAR_WINDOW
         * @enum {string}
         */
        TargetEvaluationType: "FIXED_CALENDAR_WINDOW" | "CYCLIC_WINDOW" | "PERIOD_AGNOSTIC_WINDOW" | (string & {});
        /**
         * @description How progress in a target group is tracked: `DEFAULT`, `UNIFIED`, `STREAKS`, `CAPPING` or
         *     `NON_CONTINUOUS_STREAKS`. Open enum: other values may appear.
         * @example DEFAULT
         * @enum {string}
         */
        TrackingType: "DEFAULT" | "UNIFIED" | "STREAKS" | "CAPPING" | "NON_CONTINUOUS_STREAKS" | (string & {});
        /**
         * @description The KPI a target is tracked on: transactions, line items, events, rewards, points or alternate currencies.
         *     Open enum: other values may appear.
         * @example TRANSACTION
         * @enum {string}
         */
        TargetEntity: "TRANSACTION" | "LINEITEM" | "EVENT" | "REWARDS" | "POINTS" | "ALTERNATE_CURRENCIES" | (string & {});
        /**
         * @description What a target measures within its entity: `QUANTITY`, `SALES`, `COUNT`, `VISIT`, `GROSS_SALES`, points
         *     (`REGULAR_POINTS`, `PROMOTIONAL_POINTS`, `ALL_POINTS`), `EXTENDED_FIELD`, `EVENT_ATTRIBUTE`, and for
         *     alternate currencies `ALL`, `REGULAR` and `PROMOTION` (one vendor page spells it `PROMOTIONAL`).
         *     Open enum: other values may appear.
         * @example SALES
         * @enum {string}
         */
        TargetType: "QUANTITY" | "SALES" | "COUNT" | "VISIT" | "GROSS_SALES" | "REGULAR_POINTS" | "PROMOTIONAL_POINTS" | "ALL_POINTS" | "EXTENDED_FIELD" | "EVENT_ATTRIBUTE" | "ALL" | "REGULAR" | "PROMOTION" | "PROMOTIONAL" | (string & {});
        /**
         * @description State of a streak: `NOT_STARTED`, `INPROGRESS` or `ACHIEVED`. The vendor publishes no full list. Open enum:
         *     other values may appear.
         * @example ACHIEVED
         * @enum {string}
         */
        StreakStatus: "NOT_STARTED" | "INPROGRESS" | "ACHIEVED" | (string & {});
        /**
         * @description Kind of user that created or updated a record, such as `ADMIN_USER` or `TILL`. Open enum; other values may appear.
         * @example ADMIN_USER
         * @enum {string}
         */
        AuditUserType: "ADMIN_USER" | "TILL" | (string & {});
    };
    responses: never;
    parameters: never;
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
    getUserTargetGroups: {
        parameters: {
            query?: {
                /**
                 * @description Whether each milestone (target group) is returned with all its cycles or only the active one.
                 *
                 *     - `false`: only the current active cycle. For example, if a milestone ABC has four cycles C1, C2, C3
                 *       and C4 and the current cycle is C3, only C3 is returned.
                 *     - `true`: every cycle, active and inactive (C1, C2, C3 and C4 in the same example).
                 * @example false
                 */
                includeInactive?: boolean;
                /**
                 * @description Whether inactive milestones (target groups) are returned too.
                 *
                 *     - `false`: only active milestones. For example, with milestones M1, M2, M3 and M4 where M1 is
                 *       deactivated, only M2, M3 and M4 are returned.
                 *     - `true`: every milestone of the organisation.
                 *
                 *     The vendor does not state a default for this parameter; send it explicitly when it matters.
                 * @example true
                 */
                includeInactiveTargets?: boolean;
                /**
                 * @description Returns only the target or target group with this rule id. The value may be either a target id or a
                 *     target group id.
                 * @example 2996
                 */
                targetRuleId?: number;
            };
            header?: never;
            path: {
                /**
                 * @description Unique identifier of the loyalty user (customer) whose target groups are returned. A 64-bit integer.
                 * @example 566881933
                 */
                userId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description The user's target groups. Also used for "not found" conditions: then `data` is `null` and `errors`
             *     lists what went wrong, still with HTTP 200.
             */
            200: {
                headers: {
                    "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetGroupsResponse"];
                };
            };
            /**
             * @description Invalid request, for example a `userId` that is not a number or a flag that is not a boolean. The vendor
             *     documents only code 310011 (Invalid userId), so that is the one example: the contract mock answers every
             *     invalid request with it, and names the parameter actually at fault in its `sl-violations` header.
             */
            400: {
                headers: {
                    "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials (wrong till user name or password digest, expired OAuth token). */
            401: {
                headers: {
                    "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credentials are valid but not allowed to read this resource. */
            403: {
                headers: {
                    "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /**
             * @description Resource not found at the HTTP level (for example a mistyped path). An unknown user is usually reported
             *     with HTTP 200 and an `errors` body instead; see the 200 response.
             */
            404: {
                headers: {
                    "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Backend failure. */
            500: {
                headers: {
                    "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getConnectedOrgUserTargetGroups: {
        parameters: {
            query?: {
                /**
                 * @description Whether each milestone (target group) is returned with all its cycles (`true`) or only the current
                 *     active one (`false`), as on the v3 path.
                 * @example true
                 */
                includeInactive?: boolean;
                /**
                 * @description Whether inactive milestones (target groups) are returned too (`true`) or only active ones (`false`), as
                 *     on the v3 path. The vendor does not state a default.
                 * @example true
                 */
                includeInactiveTargets?: boolean;
                /**
                 * @description Returns only the target or target group with this rule id (a target id or a target group id).
                 * @example 2996
                 */
                targetRuleId?: number;
            };
            header?: {
                /**
                 * @description Whose data the answer holds: `SELF` (the authenticating organisation's), `OTHER` (the child
                 *     organisations listed in `DATA-SCOPE-ORG`) or `ALL` (the parent's and the children's). `SELF` when the
                 *     header is absent. See the operation's description for the rules and the sources.
                 * @example OTHER
                 */
                "DATA-SCOPE"?: "SELF" | "OTHER" | "ALL";
                /**
                 * @description The org ids of the child organisations whose data `OTHER` returns: at most two, separated by a comma
                 *     (`50363` or `50363,50364`). Mandatory with `DATA-SCOPE: OTHER`. The data-scopes page names this header
                 *     `DATA-SCOPE-ORGS` (formerly `CONNECTED-ORGS`); the endpoint's page and its sample name it
                 *     `DATA-SCOPE-ORG`.
                 * @example 50363,50364
                 */
                "DATA-SCOPE-ORG"?: string;
            };
            path: {
                /**
                 * @description Unique identifier of the loyalty user (customer) whose target groups are returned. A 64-bit integer.
                 * @example 347286146
                 */
                userId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description The user's target groups in the requested data scope, each with its `orgId`. "Not found" conditions
             *     come back with HTTP 200, `data: null` and an `errors` list, as on the v3 path.
             */
            200: {
                headers: {
                    "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetGroupsResponse"];
                };
            };
            /**
             * @description Invalid request: a `userId` that is not a number, a flag that is not a boolean, a `DATA-SCOPE` outside
             *     its list, `OTHER` without `DATA-SCOPE-ORG`, more than two org ids, or `ALL` asked by a parent with more
             *     than two children. The data-scopes page names the data-scope errors without their status or code; 400
             *     is this contract's assumption.
             */
            400: {
                headers: {
                    "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing or invalid credentials (wrong till user name or password digest, expired OAuth token). */
            401: {
                headers: {
                    "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credentials are valid but not allowed to read this resource, or this organisation's data. */
            403: {
                headers: {
                    "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Resource not found at the HTTP level (for example a mistyped path). */
            404: {
                headers: {
                    "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Backend failure. */
            500: {
                headers: {
                    "X-Cap-Requestid": components["headers"]["XCapRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
}
