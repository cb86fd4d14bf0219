/*
 * Generated from the Onsale API's OpenAPI document by openapi-typescript:
 * `pnpm --filter @onsale/client generate`. Do not edit; a test fails when it differs from the API.
 */

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process serves HTTP */
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: PostgreSQL and Redis answer */
        get: operations["readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List events, oldest first; by status and start time */
        get: operations["listEvents"];
        put?: never;
        /** Create an event with its ticket types */
        post: operations["createEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{eventId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An event with live availability per ticket type */
        get: operations["getEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Pause, resume or cancel sales, or move the sales window */
        patch: operations["updateEvent"];
        trace?: never;
    };
    "/v1/events/{eventId}/draw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An event's fair draw: its commitment and method, and after the draw its seed */
        get: operations["getDraw"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{eventId}/draw/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A drawn pre-queue's entries in draw order, each as the SHA-256 of its request id, with its rank */
        get: operations["listDrawEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{eventId}/seat-map": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace the seat map before sales start; seated ticket types take their new seat counts as capacity */
        put: operations["replaceSeatMap"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{eventId}/seats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The seat map with every seat free, held or sold (run-length per row); ETag, 304 when unchanged; gzip or br when accepted */
        get: operations["getSeatMap"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{eventId}/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask for tickets; the request is queued and decided in arrival order */
        post: operations["requestReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A reservation and its decision (owner or admin) */
        get: operations["getReservation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-Sent Events: the current state, then every change, ending after a settled state (owner or admin: bearer token, or `?streamToken=` from POST …/stream-token) */
        get: operations["streamReservation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /** Whether the stream would open (owner or admin), with its headers and no body */
        head: operations["checkReservationStream"];
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn a hold into a sale (owner) */
        post: operations["confirmReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release a queued request, a hold or a sale (owner) */
        post: operations["cancelReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/me/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's reservations, newest first */
        get: operations["listMyReservations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}/stream-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A 60-second token for the reservation's event stream, for an EventSource that cannot send a bearer header (owner) */
        post: operations["createStreamToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{eventId}/waitlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event's waitlist entries: a customer's own; an admin's, everyone's with each line's counters */
        get: operations["listWaitlist"];
        put?: never;
        /** Join the waitlist of a sold-out ticket type (or one the queue will likely sell out); one active entry per customer and ticket type */
        post: operations["joinWaitlist"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{eventId}/waitlist/{entryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A waitlist entry: its position while waiting, its offer (the held reservation and its expiry) once offered (owner or admin) */
        get: operations["getWaitlistEntry"];
        put?: never;
        post?: never;
        /** Leave the waitlist; with an offer out, decline it (its hold is cancelled and offered to the next entry) */
        delete: operations["leaveWaitlist"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{eventId}/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-Sent Events: the event's counters, decisions per second, accept → decision p50/p99 and backlog, at once and then every second */
        get: operations["watchEventLive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /** Whether the event exists, with the headers of its live stream (no body) */
        head: operations["checkEventLive"];
        patch?: never;
        trace?: never;
    };
    "/v1/admin/backlog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Requests still queued, per partition and per event, with the age of the oldest */
        get: operations["getBacklog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/events/{eventId}/sales": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An event's confirmed reservations in arrival order, a page at a time */
        get: operations["listSales"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Partition jobs set aside after their last attempt failed, oldest first */
        get: operations["listDeadLetters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/dead-letters/{id}/redrive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Puts a dead letter's job back at the tail of its partition, and removes the letter */
        post: operations["redriveDeadLetter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/dead-letters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Discards a dead letter without running its job */
        delete: operations["deleteDeadLetter"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/webhooks/endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every webhook endpoint, oldest first */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /** Registers a webhook endpoint: its URL, the event types it receives, its signing secret (generated unless given) */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/webhooks/endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook endpoint */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /** Deletes a webhook endpoint with its deliveries; nothing more is sent to it */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /** Changes a webhook endpoint: URL, event types, description, private networks; disables or enables it */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/v1/admin/webhooks/endpoints/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replaces the signing secret; the old one still signs (a second signature) for previousValidForSeconds */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/webhooks/endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An endpoint's deliveries, newest first, each with every attempt (status, latency, error) */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/webhooks/endpoints/{id}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sends a delivery again now, with the same webhook-id, and a fresh retry schedule */
        post: operations["redeliverWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a browser admin session: sets an HttpOnly, SameSite=Strict cookie for /admin */
        post: operations["startAdminSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/session/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the browser admin session: clears its cookie */
        post: operations["endAdminSession"];
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
        Reservation: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            eventId: string;
            customerId: string;
            status: components["schemas"]["ReservationStatus"];
            reason?: components["schemas"]["RejectionReason"];
            items: {
                ticketType: string;
                quantity: number;
            }[];
            seats?: components["schemas"]["ReservationSeat"][];
            takenSeats?: string[];
            /** Format: date-time */
            expiresAt?: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            decidedAt?: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
            queue?: components["schemas"]["QueuePlace"] | components["schemas"]["PreQueuePlace"];
        };
        /** @enum {string} */
        ReservationStatus: "queued" | "held" | "rejected" | "confirmed" | "cancelled" | "expired";
        /** @enum {string} */
        RejectionReason: "sold_out" | "limit_exceeded" | "sales_closed" | "event_not_on_sale" | "unknown_ticket_type" | "seats_taken" | "not_together_available" | "unknown_seats" | "internal_error";
        ReservationSeat: {
            section: string;
            row: string;
            number: number;
            label: string;
        };
        QueuePlace: {
            position: number;
            requestsAhead: number;
            ticketsAhead: number;
            /** Format: date-time */
            estimatedDecisionAt: string | null;
            /** @enum {string} */
            outlook: "likely_available" | "likely_sold_out" | "unknown";
        };
        PreQueuePlace: {
            position: null;
            /** Format: date-time */
            drawAt: string;
        };
        LiveEvent: {
            event: {
                /** Format: uuid */
                id: string;
                name: string;
                status: string;
            };
            ticketTypes: {
                /** Format: uuid */
                id: string;
                code: string;
                name: string;
                capacity: number;
                available: number;
                held: number;
                sold: number;
                waitlist: {
                    waiting: number;
                    offered: number;
                };
            }[];
            decisionsPerSecond: number;
            decisionLatencyMs: {
                p50: number;
                p99: number;
            } | null;
            backlog: {
                queued: number;
                oldestQueuedMs: number | null;
            };
            windowSeconds: number;
            /** Format: date-time */
            at: string;
        };
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            instance?: string;
            errors?: {
                path: string;
                message: string;
            }[];
        };
        Event: {
            /** Format: uuid */
            id: string;
            name: string;
            status: components["schemas"]["EventStatus"];
            /** Format: date-time */
            startsAt: string;
            /** Format: date-time */
            salesStartAt: string | null;
            /** Format: date-time */
            salesEndAt: string | null;
            /** Format: date-time */
            preQueueOpensAt?: string;
            holdTtlSeconds: number;
            maxTicketsPerCustomer: number | null;
            /** Format: date-time */
            createdAt: string;
            ticketTypes: components["schemas"]["TicketType"][];
        };
        /** @enum {string} */
        EventStatus: "on_sale" | "paused" | "cancelled";
        TicketType: {
            /** Format: uuid */
            id: string;
            code: string;
            name: string;
            priceCents: number;
            capacity: number;
            available: number;
            held: number;
            sold: number;
            seated: boolean;
        };
        EventPage: {
            items: components["schemas"]["Event"][];
            nextCursor: string | null;
        };
        UpdateEventRequest: {
            status?: components["schemas"]["EventStatus"];
            /** Format: date-time */
            salesStartAt?: string | null;
            /** Format: date-time */
            salesEndAt?: string | null;
        };
        Draw: {
            /** Format: uuid */
            eventId: string;
            /** @enum {string} */
            status: "scheduled" | "open" | "drawing" | "drawn";
            /** Format: date-time */
            preQueueOpensAt: string;
            /** Format: date-time */
            drawAt: string;
            commitment: string;
            method: string;
            entries: number;
            /** Format: date-time */
            drawnAt: string | null;
            seed: string | null;
        };
        DrawEntryPage: {
            items: components["schemas"]["DrawEntry"][];
            nextCursor: string | null;
        };
        DrawEntry: {
            position: number;
            entry: string;
            rank: string;
        };
        ReplaceSeatMapRequest: {
            seatMap: {
                sections: {
                    code: string;
                    ticketType: string;
                    rows: {
                        label?: string;
                        labels?: {
                            from: number;
                            to: number;
                        };
                        seats: {
                            from: number;
                            to: number;
                            skip?: number[];
                            accessible?: boolean;
                            restrictedView?: boolean;
                        }[];
                    }[];
                }[];
            };
        };
        SeatMap: {
            /** Format: uuid */
            eventId: string;
            version: string;
            sections: {
                code: string;
                ticketType: string;
                rows: {
                    label: string;
                    numbers: number[][];
                    states: string;
                    accessible?: number[][];
                    restrictedView?: number[][];
                }[];
            }[];
        };
        CreateReservationRequest: {
            items?: {
                ticketType: string;
                quantity: number;
                together?: boolean;
            }[];
            seats?: string[];
            allowSplit?: boolean;
        };
        ReservationPage: {
            items: components["schemas"]["Reservation"][];
            nextCursor: string | null;
        };
        StreamToken: {
            streamToken: string;
            /** Format: date-time */
            expiresAt: string;
        };
        WaitlistEntry: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            eventId: string;
            ticketType: string;
            customerId: string;
            quantity: number;
            status: components["schemas"]["WaitlistEntryStatus"];
            position: number | null;
            offerTtlSeconds: number;
            /** Format: date-time */
            joinedAt: string;
            offer: components["schemas"]["WaitlistOffer"];
        };
        /** @enum {string} */
        WaitlistEntryStatus: "waiting" | "offered" | "accepted" | "lapsed" | "declined" | "left";
        WaitlistOffer: {
            /** Format: uuid */
            reservationId: string;
            quantity: number;
            /** Format: date-time */
            offeredAt: string;
            /** Format: date-time */
            expiresAt: string | null;
            reservationStatus: components["schemas"]["ReservationStatus"];
        } | null;
        JoinWaitlistRequest: {
            ticketType: string;
            quantity: number;
        };
        WaitlistEntryList: {
            items: components["schemas"]["WaitlistEntry"][];
            lines: {
                ticketType: string;
                waiting: number;
                waitingTickets: number;
                offered: number;
            }[];
        };
        Backlog: {
            /** Format: date-time */
            readAt: string;
            partitions: {
                partition: number;
                events: number;
                queued: number;
                /** Format: date-time */
                oldestQueuedAt: string;
                oldestQueuedAgeMs: number;
            }[];
            events: {
                /** Format: uuid */
                eventId: string;
                eventName: string;
                partition: number;
                queued: number;
                /** Format: date-time */
                oldestQueuedAt: string;
                oldestQueuedAgeMs: number;
            }[];
        };
        SalesPage: {
            items: components["schemas"]["Reservation"][];
            nextCursor: string | null;
            total: number;
        };
        DeadLetterPage: {
            items: components["schemas"]["DeadLetter"][];
            nextCursor: string | null;
            total: number;
        };
        DeadLetter: {
            /** Format: uuid */
            id: string;
            queue: string;
            partition: number;
            jobId: string | null;
            kind: string;
            payload?: unknown;
            requestId: string | null;
            error: {
                name: string;
                message: string;
                code?: string;
            };
            attempts: number;
            /** Format: date-time */
            firstAttemptAt: string;
            /** Format: date-time */
            deadLetteredAt: string;
            workerId: string;
        };
        Redrive: {
            deadLetter: components["schemas"]["DeadLetter"];
            commandId: string;
        };
        WebhookEndpointWithSecret: {
            /** Format: uuid */
            id: string;
            url: string;
            description: string | null;
            eventTypes: components["schemas"]["WebhookEventType"][];
            allowPrivateNetwork: boolean;
            enabled: boolean;
            disabledReason: string | null;
            /** Format: date-time */
            disabledAt: string | null;
            /** Format: date-time */
            previousSecretExpiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            secret: string;
        };
        /** @enum {string} */
        WebhookEventType: "reservation.held" | "reservation.rejected" | "reservation.confirmed" | "reservation.cancelled" | "reservation.expired" | "waitlist.offered" | "event.sold_out";
        WebhookEndpointList: {
            items: components["schemas"]["WebhookEndpoint"][];
        };
        WebhookEndpoint: {
            /** Format: uuid */
            id: string;
            url: string;
            description: string | null;
            eventTypes: components["schemas"]["WebhookEventType"][];
            allowPrivateNetwork: boolean;
            enabled: boolean;
            disabledReason: string | null;
            /** Format: date-time */
            disabledAt: string | null;
            /** Format: date-time */
            previousSecretExpiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        WebhookDeliveryPage: {
            items: components["schemas"]["WebhookDelivery"][];
            nextCursor: string | null;
        };
        WebhookDelivery: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            endpointId: string;
            /** Format: uuid */
            messageId: string;
            type: components["schemas"]["WebhookEventType"];
            /** Format: uuid */
            eventId: string;
            /** Format: uuid */
            reservationId: string | null;
            sequence: number | null;
            /** @enum {string} */
            state: "pending" | "delivered" | "dead";
            attempts: {
                attempt: number;
                /** Format: date-time */
                startedAt: string;
                latencyMs: number;
                statusCode: number | null;
                error: string | null;
            }[];
            /** Format: date-time */
            nextAttemptAt: string | null;
            /** Format: date-time */
            deliveredAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        AdminSession: {
            /**
             * Format: date-time
             * @description When the session cookie stops being accepted
             */
            expiresAt: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            /** @description validation_failed: the request is not valid (`errors` says where); malformed_json: its body is not JSON */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            /** @description validation_failed: the request is not valid (`errors` says where); malformed_json: its body is not JSON */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is down */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description Only events with this status */
                status?: "on_sale" | "paused" | "cancelled";
                /** @description Only events starting at or after this time */
                startsFrom?: string;
                /** @description Only events starting before this time */
                startsBefore?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            /** @description Invalid limit, cursor or filter */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createEvent: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** Format: date-time */
                    startsAt: string;
                    /** Format: date-time */
                    salesStartAt?: string;
                    /** Format: date-time */
                    salesEndAt?: string;
                    /** Format: date-time */
                    preQueueOpensAt?: string;
                    /** @default 600 */
                    holdTtlSeconds?: number;
                    maxTicketsPerCustomer?: number;
                    ticketTypes: {
                        code: string;
                        name: string;
                        priceCents: number;
                        capacity: number;
                    }[];
                    seatMap?: {
                        sections: {
                            code: string;
                            ticketType: string;
                            rows: {
                                label?: string;
                                labels?: {
                                    from: number;
                                    to: number;
                                };
                                seats: {
                                    from: number;
                                    to: number;
                                    skip?: number[];
                                    accessible?: boolean;
                                    restrictedView?: boolean;
                                }[];
                            }[];
                        }[];
                    };
                };
            };
        };
        responses: {
            /** @description Created; with `Idempotent-Replayed: true`, the event this admin created before with the same Idempotency-Key and body */
            201: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description The event */
                    Location?: string;
                    /** @description The event created before with the same Idempotency-Key and body */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            /** @description Invalid body or Idempotency-Key */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with another body */
            422: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            /** @description The event id is not a UUID */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such event */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateEventRequest"];
            };
        };
        responses: {
            /** @description The updated event */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            /** @description Invalid or empty body */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such event */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The sales window would end before it starts, or the event cannot move to that status (EVENT_STATUS_TRANSITIONS: a cancelled event stays cancelled) */
            409: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The draw */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Draw"];
                };
            };
            /** @description The event id is not a UUID */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such event, or it has no pre-queue */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listDrawEntries: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries, position 1 first */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DrawEntryPage"];
                };
            };
            /** @description Invalid event id, limit or cursor */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such event, it has no pre-queue, or its draw has not run */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replaceSeatMap: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplaceSeatMapRequest"];
            };
        };
        responses: {
            /** @description The event with its new capacities */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            /** @description Invalid map: duplicate labels, unknown ticket types (field errors) */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such event */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Sales have started (no future salesStartAt, or seats held or sold) */
            409: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSeatMap: {
        parameters: {
            query?: never;
            header?: {
                "If-None-Match"?: string;
            };
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The seat map and its states; the ETag is its version */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description The map’s version */
                    ETag?: string;
                    /** @description `no-cache`: revalidate with If-None-Match */
                    "Cache-Control"?: string;
                    /** @description `Accept-Encoding` */
                    Vary?: string;
                    /** @description gzip or br, when accepted */
                    "Content-Encoding"?: "gzip" | "br";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeatMap"];
                };
            };
            /** @description Unchanged since the ETag given in If-None-Match */
            304: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description The map’s version */
                    ETag?: string;
                    /** @description `no-cache`: revalidate with If-None-Match */
                    "Cache-Control"?: string;
                    /** @description `Accept-Encoding` */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The event id is not a UUID */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such event, or it sells no seats */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    requestReservation: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateReservationRequest"];
            };
        };
        responses: {
            /** @description Accepted and queued; poll the Location or subscribe to its events */
            202: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description The reservation, to poll */
                    Location?: string;
                    /** @description The version (and place) to send back as If-None-Match on the first poll */
                    ETag?: string;
                    /** @description The answer to an earlier request with the same Idempotency-Key and body */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid body or Idempotency-Key */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such event */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description sold_out: fewer tickets are left than the request asks for; nothing was recorded (a final answer) */
            409: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown ticket type, or Idempotency-Key reused with another body */
            422: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RateLimit, RateLimit-Policy and Retry-After say which and until when); too_many_queued: the customer already has the most undecided requests for the event that one may */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description backlog_full: the event has more requests waiting than can be decided within the configured wait (Retry-After); or PostgreSQL/Redis unreachable */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReservation: {
        parameters: {
            query?: never;
            header?: {
                "If-None-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reservation, with `ETag` (its version, and its position while queued); while queued, its `queue` place and `Retry-After`: when a new poll is worth making */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Its version, and its position while queued */
                    ETag?: string;
                    /** @description While queued: seconds until a new poll is worth making */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description `If-None-Match` names the current ETag (or a position nearer the front than this instance knows): unchanged, no body */
            304: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Its version, and its position while queued */
                    ETag?: string;
                    /** @description While queued: seconds until a new poll is worth making */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The reservation id is not a UUID */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    streamReservation: {
        parameters: {
            query?: {
                streamToken?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `reservation` events (`id` its version), each with the reservation as data, ending after a settled state */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-cache` */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description The reservation id is not a UUID */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid bearer or stream token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The stream token is for another reservation */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    checkReservationStream: {
        parameters: {
            query?: {
                streamToken?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `reservation` events (`id` its version), each with the reservation as data, ending after a settled state */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-cache` */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The reservation id is not a UUID */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid bearer or stream token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The stream token is for another reservation */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not found */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    confirmReservation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Confirmed */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Queued behind earlier requests; follow the Location */
            202: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description The reservation, to poll */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description The reservation id is not a UUID */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The reservation is not held (expired, cancelled, rejected or still queued) */
            409: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelReservation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancelled */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description The release is queued; follow the Location */
            202: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description The reservation, to poll */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description The reservation id is not a UUID */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rejected or expired: nothing to release */
            409: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMyReservations: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of reservations */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservationPage"];
                };
            };
            /** @description Invalid limit or cursor */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createStreamToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Use it as `GET /v1/reservations/:id/events?streamToken=…` */
            201: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamToken"];
                };
            };
            /** @description The reservation id is not a UUID */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWaitlist: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Entries in join order per ticket type (at most `limit`) */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitlistEntryList"];
                };
            };
            /** @description Invalid id or limit */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such event */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    joinWaitlist: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JoinWaitlistRequest"];
            };
        };
        responses: {
            /** @description The customer already has an active entry for this ticket type with this quantity: that entry */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description The entry, to poll */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitlistEntry"];
                };
            };
            /** @description Joined: the entry, waiting, with its position */
            201: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description The entry, to poll */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitlistEntry"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such event */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `reason` not_sold_out: tickets are still on sale and the queue is not likely to sell out; already_waiting: an active entry for another quantity; limit_reached: the customer already holds or bought `maxTicketsPerCustomer` tickets (an entry is otherwise trimmed to what they may still have when offered); event_not_on_sale, sales_closed */
            409: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown ticket type, or more tickets than one customer may have */
            422: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWaitlistEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventId: string;
                entryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The entry */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitlistEntry"];
                };
            };
            /** @description Invalid ids */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    leaveWaitlist: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventId: string;
                entryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The entry, left (or declined); leaving again answers the same */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitlistEntry"];
                };
            };
            /** @description The offer is being declined behind a backlog: poll the entry */
            202: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitlistEntry"];
                };
            };
            /** @description Invalid ids */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The entry is closed already: its offer was accepted or lapsed */
            409: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    watchEventLive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `live` events, each with the live view as data */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description `no-cache` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description validation_failed: the request is not valid (`errors` says where); malformed_json: its body is not JSON */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such event */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Redis is unreachable: no live updates */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    checkEventLive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `live` events, each with the live view as data */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description `no-cache` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description validation_failed: the request is not valid (`errors` says where); malformed_json: its body is not JSON */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such event */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Redis is unreachable: no live updates */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getBacklog: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The backlog, read from PostgreSQL */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Backlog"];
                };
            };
            /** @description validation_failed: the request is not valid (`errors` says where); malformed_json: its body is not JSON */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSales: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of sales */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SalesPage"];
                };
            };
            /** @description Invalid event id, limit or cursor */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listDeadLetters: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of dead letters */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadLetterPage"];
                };
            };
            /** @description Invalid limit or cursor */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    redriveDeadLetter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Enqueued again; the letter is gone */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Redrive"];
                };
            };
            /** @description Invalid id */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such dead letter */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Its payload does not match the job contract (it would fail again), or names a partition this deployment lacks */
            409: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteDeadLetter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Discarded */
            204: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid id */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such dead letter */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoints */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            /** @description validation_failed: the request is not valid (`errors` says where); malformed_json: its body is not JSON */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    eventTypes: components["schemas"]["WebhookEventType"][];
                    description?: string;
                    secret?: string;
                    /** @default false */
                    allowPrivateNetwork?: boolean;
                };
            };
        };
        responses: {
            /** @description Registered; the secret is shown here and on rotation only */
            201: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description The endpoint */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Invalid id */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such endpoint */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid id */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such endpoint */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url?: string;
                    eventTypes?: components["schemas"]["WebhookEventType"][];
                    description?: string | null;
                    allowPrivateNetwork?: boolean;
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Changed */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Invalid id or body */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such endpoint */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    secret?: string;
                    /** @default 86400 */
                    previousValidForSeconds?: number;
                };
            };
        };
        responses: {
            /** @description Rotated; the new secret is shown here only */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            /** @description Invalid id or body */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such endpoint */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                state?: "pending" | "delivered" | "dead";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description Invalid id, state, limit or cursor */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such endpoint */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    redeliverWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Due now (unless an attempt is in flight, which goes on) */
            202: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description Invalid ids */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such delivery of this endpoint */
            404: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PostgreSQL or Redis is unreachable right now */
            503: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    startAdminSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Session started; the cookie is in Set-Cookie */
            200: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description The HttpOnly session cookie */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminSession"];
                };
            };
            /** @description validation_failed: the request is not valid (`errors` says where); malformed_json: its body is not JSON */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description `no-store`: an answer to an authenticated route is never cached */
                    "Cache-Control"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    endAdminSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cookie cleared */
            204: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description The session cookie, expired */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description validation_failed: the request is not valid (`errors` says where); malformed_json: its body is not JSON */
            400: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description content_too_large: the body is larger than the API accepts (64 KiB by default) */
            413: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed */
            415: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when */
            429: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds until the limit lets the request through */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal: something went wrong on our side */
            500: {
                headers: {
                    /** @description The request id (the caller’s X-Request-Id when well-formed): in the API’s and the worker’s logs */
                    "X-Request-Id"?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft) */
                    RateLimit?: string;
                    /** @description With RATE_LIMIT_ENABLED: each limit counted, its quota and window */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
