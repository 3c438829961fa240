CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "migration_id" TEXT NOT NULL CONSTRAINT "pk___ef_migrations_history" PRIMARY KEY,
    "product_version" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "advertisers" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_advertisers" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "postback_token" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE TABLE "affiliates" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_affiliates" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE TABLE "clicks" (
    "id" TEXT NOT NULL CONSTRAINT "pk_clicks" PRIMARY KEY,
    "offer_id" INTEGER NOT NULL,
    "affiliate_id" INTEGER NOT NULL,
    "clicked_at" TEXT NOT NULL,
    "sub1" TEXT NULL,
    "sub2" TEXT NULL,
    "sub3" TEXT NULL,
    "sub4" TEXT NULL,
    "sub5" TEXT NULL,
    "source" TEXT NULL,
    "ip" TEXT NULL,
    "user_agent" TEXT NULL,
    "referrer" TEXT NULL
);

CREATE TABLE "conversions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_conversions" PRIMARY KEY,
    "offer_id" INTEGER NOT NULL,
    "affiliate_id" INTEGER NULL,
    "goal" TEXT NOT NULL,
    "click_id" TEXT NULL,
    "clicked_at" TEXT NULL,
    "sub1" TEXT NULL,
    "sub2" TEXT NULL,
    "sub3" TEXT NULL,
    "sub4" TEXT NULL,
    "sub5" TEXT NULL,
    "source" TEXT NULL,
    "order_id" TEXT NULL,
    "event_id" TEXT NULL,
    "dedup_key" TEXT NOT NULL,
    "key_kind" TEXT NOT NULL,
    "match" TEXT NOT NULL,
    "authority" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "amount" TEXT NULL,
    "currency" TEXT NULL,
    "revenue" TEXT NOT NULL,
    "payout" TEXT NOT NULL,
    "duplicate_count" INTEGER NOT NULL,
    "discrepancy" TEXT NULL,
    "explanation" TEXT NULL,
    "pixel_hit_id" TEXT NULL,
    "pixel_at" TEXT NULL,
    "pixel_amount" TEXT NULL,
    "pixel_currency" TEXT NULL,
    "pixel_status" TEXT NULL,
    "postback_hit_id" TEXT NULL,
    "postback_at" TEXT NULL,
    "postback_amount" TEXT NULL,
    "postback_currency" TEXT NULL,
    "postback_status" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "reconcile_due_at" TEXT NULL,
    "reconciled_at" TEXT NULL
);

CREATE TABLE "hits" (
    "id" TEXT NOT NULL CONSTRAINT "pk_hits" PRIMARY KEY,
    "method" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "received_at" TEXT NOT NULL,
    "offer_id" INTEGER NULL,
    "affiliate_id" INTEGER NULL,
    "goal" TEXT NULL,
    "click_id" TEXT NULL,
    "click_id_source" TEXT NOT NULL,
    "amount" TEXT NULL,
    "currency" TEXT NULL,
    "order_id" TEXT NULL,
    "event_id" TEXT NULL,
    "status" TEXT NULL,
    "adv1" TEXT NULL,
    "adv2" TEXT NULL,
    "adv3" TEXT NULL,
    "adv4" TEXT NULL,
    "adv5" TEXT NULL,
    "ip" TEXT NULL,
    "user_agent" TEXT NULL,
    "outcome" TEXT NULL,
    "outcome_detail" TEXT NULL,
    "conversion_id" TEXT NULL,
    "decided_at" TEXT NULL
);

CREATE TABLE "settings" (
    "key" TEXT NOT NULL CONSTRAINT "pk_settings" PRIMARY KEY,
    "value" TEXT NOT NULL
);

CREATE TABLE "offers" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_offers" PRIMARY KEY AUTOINCREMENT,
    "advertiser_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "landing_url" TEXT NOT NULL,
    "lookback_days" INTEGER NOT NULL,
    "expected_methods" TEXT NOT NULL,
    "reconcile_after_minutes" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "authority" TEXT NOT NULL,
    "hold_for_approval" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_offers_advertisers_advertiser_id" FOREIGN KEY ("advertiser_id") REFERENCES "advertisers" ("id") ON DELETE RESTRICT
);

CREATE TABLE "status_changes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_status_changes" PRIMARY KEY AUTOINCREMENT,
    "conversion_id" TEXT NOT NULL,
    "from" TEXT NULL,
    "to" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    CONSTRAINT "fk_status_changes_conversions_conversion_id" FOREIGN KEY ("conversion_id") REFERENCES "conversions" ("id") ON DELETE CASCADE
);

CREATE TABLE "goals" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_goals" PRIMARY KEY AUTOINCREMENT,
    "offer_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "once_per_click" INTEGER NOT NULL,
    "revenue" TEXT NOT NULL,
    "revenue_kind" TEXT NOT NULL,
    "payout" TEXT NOT NULL,
    "payout_kind" TEXT NOT NULL,
    CONSTRAINT "fk_goals_offers_offer_id" FOREIGN KEY ("offer_id") REFERENCES "offers" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_clicks_offer_id_clicked_at" ON "clicks" ("offer_id", "clicked_at");

CREATE INDEX "ix_conversions_click_id_goal" ON "conversions" ("click_id", "goal");

CREATE INDEX "ix_conversions_created_at" ON "conversions" ("created_at");

CREATE UNIQUE INDEX "ix_conversions_offer_id_goal_dedup_key" ON "conversions" ("offer_id", "goal", "dedup_key");

CREATE INDEX "ix_conversions_offer_id_goal_event_id" ON "conversions" ("offer_id", "goal", "event_id");

CREATE INDEX "ix_conversions_offer_id_goal_order_id" ON "conversions" ("offer_id", "goal", "order_id");

CREATE INDEX "ix_conversions_reconcile_due_at" ON "conversions" ("reconcile_due_at") WHERE reconcile_due_at IS NOT NULL;

CREATE UNIQUE INDEX "ix_goals_offer_id_code" ON "goals" ("offer_id", "code");

CREATE INDEX "ix_hits_click_id" ON "hits" ("click_id");

CREATE INDEX "ix_hits_conversion_id" ON "hits" ("conversion_id") WHERE conversion_id IS NOT NULL;

CREATE INDEX "ix_hits_offer_id_received_at" ON "hits" ("offer_id", "received_at");

CREATE INDEX "ix_hits_parked_pixels" ON "hits" ("offer_id", "goal") WHERE outcome = 'no_click_id';

CREATE INDEX "ix_hits_undecided" ON "hits" ("decided_at") WHERE decided_at IS NULL;

CREATE INDEX "ix_offers_advertiser_id" ON "offers" ("advertiser_id");

CREATE INDEX "ix_status_changes_conversion_id" ON "status_changes" ("conversion_id");

INSERT INTO "__EFMigrationsHistory" ("migration_id", "product_version")
VALUES ('20261125050043_Initial', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "conversions" ADD "forward_due_at" TEXT NULL;

ALTER TABLE "affiliates" ADD "previous_secret_until" TEXT NULL;

ALTER TABLE "affiliates" ADD "previous_signing_secret" TEXT NULL;

ALTER TABLE "affiliates" ADD "signing_secret" TEXT NOT NULL DEFAULT '';

CREATE TABLE "postback_templates" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_postback_templates" PRIMARY KEY AUTOINCREMENT,
    "affiliate_id" INTEGER NOT NULL,
    "offer_id" INTEGER NULL,
    "goal" TEXT NULL,
    "trigger" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "reversal_url" TEXT NULL,
    "sign" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "paused_reason" TEXT NULL,
    "consecutive_failures" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_postback_templates_affiliates_affiliate_id" FOREIGN KEY ("affiliate_id") REFERENCES "affiliates" ("id") ON DELETE RESTRICT
);

CREATE TABLE "deliveries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_deliveries" PRIMARY KEY,
    "conversion_id" TEXT NOT NULL,
    "template_id" INTEGER NOT NULL,
    "affiliate_id" INTEGER NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "body" TEXT NULL,
    "sign" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "attempt_count" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "retrying_since" TEXT NOT NULL,
    "next_attempt_at" TEXT NULL,
    "completed_at" TEXT NULL,
    "last_error" TEXT NULL,
    "locked_until" TEXT NULL,
    "locked_by" TEXT NULL,
    CONSTRAINT "fk_deliveries_conversions_conversion_id" FOREIGN KEY ("conversion_id") REFERENCES "conversions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_deliveries_postback_templates_template_id" FOREIGN KEY ("template_id") REFERENCES "postback_templates" ("id") ON DELETE RESTRICT
);

CREATE TABLE "delivery_attempts" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_delivery_attempts" PRIMARY KEY AUTOINCREMENT,
    "delivery_id" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "status_code" INTEGER NULL,
    "error" TEXT NULL,
    "latency_ms" INTEGER NOT NULL,
    "response" TEXT NULL,
    CONSTRAINT "fk_delivery_attempts_deliveries_delivery_id" FOREIGN KEY ("delivery_id") REFERENCES "deliveries" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_conversions_forward_due_at" ON "conversions" ("forward_due_at") WHERE forward_due_at IS NOT NULL;

CREATE INDEX "ix_deliveries_affiliate_id_id" ON "deliveries" ("affiliate_id", "id");

CREATE UNIQUE INDEX "ix_deliveries_conversion_id_template_id_kind" ON "deliveries" ("conversion_id", "template_id", "kind");

CREATE INDEX "ix_deliveries_due" ON "deliveries" ("next_attempt_at", "host") WHERE state = 'pending';

CREATE INDEX "ix_deliveries_offer_id_id" ON "deliveries" ("offer_id", "id");

CREATE INDEX "ix_deliveries_template_id_state" ON "deliveries" ("template_id", "state");

CREATE INDEX "ix_delivery_attempts_delivery_id" ON "delivery_attempts" ("delivery_id");

CREATE INDEX "ix_postback_templates_affiliate_id" ON "postback_templates" ("affiliate_id");

INSERT INTO "__EFMigrationsHistory" ("migration_id", "product_version")
VALUES ('20261125061951_Forwarding', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "api_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_api_keys" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "advertiser_id" INTEGER NULL,
    "affiliate_id" INTEGER NULL,
    "key_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "last_used_at" TEXT NULL,
    "revoked_at" TEXT NULL,
    CONSTRAINT "fk_api_keys_advertisers_advertiser_id" FOREIGN KEY ("advertiser_id") REFERENCES "advertisers" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_api_keys_affiliates_affiliate_id" FOREIGN KEY ("affiliate_id") REFERENCES "affiliates" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_api_keys_advertiser_id" ON "api_keys" ("advertiser_id");

CREATE INDEX "ix_api_keys_affiliate_id" ON "api_keys" ("affiliate_id");

CREATE UNIQUE INDEX "ix_api_keys_key_hash" ON "api_keys" ("key_hash");

INSERT INTO "__EFMigrationsHistory" ("migration_id", "product_version")
VALUES ('20261204071611_ApiKeys', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "hits" ADD "is_test" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "conversions" ADD "is_test" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "clicks" ADD "is_test" INTEGER NOT NULL DEFAULT 0;

INSERT INTO "__EFMigrationsHistory" ("migration_id", "product_version")
VALUES ('20261204074852_TestConversions', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "status_changes" ADD "payout" TEXT NULL;

ALTER TABLE "status_changes" ADD "revenue" TEXT NULL;

ALTER TABLE "hits" ADD "payout" TEXT NULL;

ALTER TABLE "hits" ADD "revenue" TEXT NULL;

ALTER TABLE "conversions" ADD "postback_payout" TEXT NULL;

ALTER TABLE "conversions" ADD "postback_revenue" TEXT NULL;

ALTER TABLE "advertisers" ADD "postback_sets_payout" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "advertisers" ADD "status_words" TEXT NOT NULL DEFAULT '';

INSERT INTO "__EFMigrationsHistory" ("migration_id", "product_version")
VALUES ('20261204082134_StatusWords', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "offers" ADD "event_goals" TEXT NOT NULL DEFAULT '';

ALTER TABLE "conversions" ADD "adv1" TEXT NULL;

ALTER TABLE "conversions" ADD "adv2" TEXT NULL;

ALTER TABLE "conversions" ADD "adv3" TEXT NULL;

ALTER TABLE "conversions" ADD "adv4" TEXT NULL;

ALTER TABLE "conversions" ADD "adv5" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("migration_id", "product_version")
VALUES ('20261204100357_MmpEventGoalsAndAdvFields', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "offers" ADD "hold_days" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "conversions" ADD "hold_until" TEXT NULL;

CREATE INDEX "ix_conversions_hold_until" ON "conversions" ("hold_until") WHERE hold_until IS NOT NULL;

INSERT INTO "__EFMigrationsHistory" ("migration_id", "product_version")
VALUES ('20261204101137_HoldPeriods', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "report_conversion_quarters" (
    "quarter" INTEGER NOT NULL,
    "is_test" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "affiliate_id" INTEGER NOT NULL,
    "goal" TEXT NOT NULL,
    "conversions" INTEGER NOT NULL,
    "both_methods" INTEGER NOT NULL,
    "pixel_only" INTEGER NOT NULL,
    "postback_only" INTEGER NOT NULL,
    "awaiting" INTEGER NOT NULL,
    "amount_mismatch" INTEGER NOT NULL,
    "currency_mismatch" INTEGER NOT NULL,
    "revenue_e4" INTEGER NOT NULL,
    "payout_e4" INTEGER NOT NULL,
    "pending_revenue_e4" INTEGER NOT NULL,
    "pending_payout_e4" INTEGER NOT NULL,
    CONSTRAINT "pk_report_conversion_quarters" PRIMARY KEY ("quarter", "offer_id", "affiliate_id", "goal", "is_test", "currency", "shard")
);

CREATE TABLE "report_conversion_totals" (
    "quarter" INTEGER NOT NULL,
    "is_test" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "conversions" INTEGER NOT NULL,
    "both_methods" INTEGER NOT NULL,
    "pixel_only" INTEGER NOT NULL,
    "postback_only" INTEGER NOT NULL,
    "awaiting" INTEGER NOT NULL,
    "amount_mismatch" INTEGER NOT NULL,
    "currency_mismatch" INTEGER NOT NULL,
    "revenue_e4" INTEGER NOT NULL,
    "payout_e4" INTEGER NOT NULL,
    "pending_revenue_e4" INTEGER NOT NULL,
    "pending_payout_e4" INTEGER NOT NULL,
    CONSTRAINT "pk_report_conversion_totals" PRIMARY KEY ("quarter", "is_test", "currency", "shard")
);

CREATE TABLE "report_hit_quarters" (
    "quarter" INTEGER NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "affiliate_id" INTEGER NOT NULL,
    "goal" TEXT NOT NULL,
    "is_test" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "hits" INTEGER NOT NULL,
    CONSTRAINT "pk_report_hit_quarters" PRIMARY KEY ("quarter", "offer_id", "affiliate_id", "goal", "is_test", "outcome", "shard")
);

CREATE TABLE "report_hit_totals" (
    "quarter" INTEGER NOT NULL,
    "is_test" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "hits" INTEGER NOT NULL,
    CONSTRAINT "pk_report_hit_totals" PRIMARY KEY ("quarter", "is_test", "outcome", "shard")
);

CREATE INDEX "ix_report_conversion_quarters_offer_id_quarter" ON "report_conversion_quarters" ("offer_id", "quarter");

CREATE INDEX "ix_report_hit_quarters_offer_id_quarter" ON "report_hit_quarters" ("offer_id", "quarter");

INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4) SELECT CAST(strftime('%s', substr(c.created_at, 1, 16)) AS INTEGER) / 900, offer_id, coalesce(affiliate_id, 0), goal, is_test, coalesce(currency, ''), 0, count(*), sum(pixel_hit_id IS NOT NULL AND postback_hit_id IS NOT NULL),
    sum(discrepancy IS 'pixel_only'), sum(discrepancy IS 'postback_only'), sum(reconcile_due_at IS NOT NULL),
    sum(discrepancy IS 'amount_mismatch'), sum(discrepancy IS 'currency_mismatch'),
    sum((CASE WHEN c.status = 'approved' THEN CAST(round(c.revenue * 10000) AS INTEGER) ELSE 0 END)), sum((CASE WHEN c.status = 'approved' THEN CAST(round(c.payout * 10000) AS INTEGER) ELSE 0 END)),
    sum((CASE WHEN c.status = 'pending' THEN CAST(round(c.revenue * 10000) AS INTEGER) ELSE 0 END)), sum((CASE WHEN c.status = 'pending' THEN CAST(round(c.payout * 10000) AS INTEGER) ELSE 0 END))
FROM conversions c GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO report_conversion_totals (quarter, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4) SELECT CAST(strftime('%s', substr(c.created_at, 1, 16)) AS INTEGER) / 900, is_test, coalesce(currency, ''), 0, count(*), sum(pixel_hit_id IS NOT NULL AND postback_hit_id IS NOT NULL),
    sum(discrepancy IS 'pixel_only'), sum(discrepancy IS 'postback_only'), sum(reconcile_due_at IS NOT NULL),
    sum(discrepancy IS 'amount_mismatch'), sum(discrepancy IS 'currency_mismatch'),
    sum((CASE WHEN c.status = 'approved' THEN CAST(round(c.revenue * 10000) AS INTEGER) ELSE 0 END)), sum((CASE WHEN c.status = 'approved' THEN CAST(round(c.payout * 10000) AS INTEGER) ELSE 0 END)),
    sum((CASE WHEN c.status = 'pending' THEN CAST(round(c.revenue * 10000) AS INTEGER) ELSE 0 END)), sum((CASE WHEN c.status = 'pending' THEN CAST(round(c.payout * 10000) AS INTEGER) ELSE 0 END))
FROM conversions c GROUP BY 1, 2, 3;

INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits) SELECT CAST(strftime('%s', substr(h.received_at, 1, 16)) AS INTEGER) / 900, coalesce(offer_id, 0), coalesce(affiliate_id, 0), coalesce(goal, ''), is_test, outcome, 0, count(*) FROM hits h WHERE outcome IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits) SELECT CAST(strftime('%s', substr(h.received_at, 1, 16)) AS INTEGER) / 900, is_test, outcome, 0, count(*) FROM hits h WHERE outcome IS NOT NULL GROUP BY 1, 2, 3;

CREATE TRIGGER conversions_rollup_insert AFTER INSERT ON conversions BEGIN INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(NEW.created_at, 1, 16)) AS INTEGER) / 900, NEW.offer_id, coalesce(NEW.affiliate_id, 0), NEW.goal, NEW.is_test, coalesce(NEW.currency, ''), 0, 1, 1 * (NEW.pixel_hit_id IS NOT NULL AND NEW.postback_hit_id IS NOT NULL), 1 * (NEW.discrepancy IS 'pixel_only'), 1 * (NEW.discrepancy IS 'postback_only'), 1 * (NEW.reconcile_due_at IS NOT NULL), 1 * (NEW.discrepancy IS 'amount_mismatch'), 1 * (NEW.discrepancy IS 'currency_mismatch'), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_totals (quarter, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(NEW.created_at, 1, 16)) AS INTEGER) / 900, NEW.is_test, coalesce(NEW.currency, ''), 0, 1, 1 * (NEW.pixel_hit_id IS NOT NULL AND NEW.postback_hit_id IS NOT NULL), 1 * (NEW.discrepancy IS 'pixel_only'), 1 * (NEW.discrepancy IS 'postback_only'), 1 * (NEW.reconcile_due_at IS NOT NULL), 1 * (NEW.discrepancy IS 'amount_mismatch'), 1 * (NEW.discrepancy IS 'currency_mismatch'), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4; END;

CREATE TRIGGER conversions_rollup_delete AFTER DELETE ON conversions BEGIN INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(OLD.created_at, 1, 16)) AS INTEGER) / 900, OLD.offer_id, coalesce(OLD.affiliate_id, 0), OLD.goal, OLD.is_test, coalesce(OLD.currency, ''), 0, -1, -1 * (OLD.pixel_hit_id IS NOT NULL AND OLD.postback_hit_id IS NOT NULL), -1 * (OLD.discrepancy IS 'pixel_only'), -1 * (OLD.discrepancy IS 'postback_only'), -1 * (OLD.reconcile_due_at IS NOT NULL), -1 * (OLD.discrepancy IS 'amount_mismatch'), -1 * (OLD.discrepancy IS 'currency_mismatch'), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_totals (quarter, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(OLD.created_at, 1, 16)) AS INTEGER) / 900, OLD.is_test, coalesce(OLD.currency, ''), 0, -1, -1 * (OLD.pixel_hit_id IS NOT NULL AND OLD.postback_hit_id IS NOT NULL), -1 * (OLD.discrepancy IS 'pixel_only'), -1 * (OLD.discrepancy IS 'postback_only'), -1 * (OLD.reconcile_due_at IS NOT NULL), -1 * (OLD.discrepancy IS 'amount_mismatch'), -1 * (OLD.discrepancy IS 'currency_mismatch'), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4; END;

CREATE TRIGGER conversions_rollup_update AFTER UPDATE OF created_at, offer_id, affiliate_id, goal, is_test, pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout ON conversions BEGIN INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(OLD.created_at, 1, 16)) AS INTEGER) / 900, OLD.offer_id, coalesce(OLD.affiliate_id, 0), OLD.goal, OLD.is_test, coalesce(OLD.currency, ''), 0, -1, -1 * (OLD.pixel_hit_id IS NOT NULL AND OLD.postback_hit_id IS NOT NULL), -1 * (OLD.discrepancy IS 'pixel_only'), -1 * (OLD.discrepancy IS 'postback_only'), -1 * (OLD.reconcile_due_at IS NOT NULL), -1 * (OLD.discrepancy IS 'amount_mismatch'), -1 * (OLD.discrepancy IS 'currency_mismatch'), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_totals (quarter, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(OLD.created_at, 1, 16)) AS INTEGER) / 900, OLD.is_test, coalesce(OLD.currency, ''), 0, -1, -1 * (OLD.pixel_hit_id IS NOT NULL AND OLD.postback_hit_id IS NOT NULL), -1 * (OLD.discrepancy IS 'pixel_only'), -1 * (OLD.discrepancy IS 'postback_only'), -1 * (OLD.reconcile_due_at IS NOT NULL), -1 * (OLD.discrepancy IS 'amount_mismatch'), -1 * (OLD.discrepancy IS 'currency_mismatch'), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4; INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(NEW.created_at, 1, 16)) AS INTEGER) / 900, NEW.offer_id, coalesce(NEW.affiliate_id, 0), NEW.goal, NEW.is_test, coalesce(NEW.currency, ''), 0, 1, 1 * (NEW.pixel_hit_id IS NOT NULL AND NEW.postback_hit_id IS NOT NULL), 1 * (NEW.discrepancy IS 'pixel_only'), 1 * (NEW.discrepancy IS 'postback_only'), 1 * (NEW.reconcile_due_at IS NOT NULL), 1 * (NEW.discrepancy IS 'amount_mismatch'), 1 * (NEW.discrepancy IS 'currency_mismatch'), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_totals (quarter, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(NEW.created_at, 1, 16)) AS INTEGER) / 900, NEW.is_test, coalesce(NEW.currency, ''), 0, 1, 1 * (NEW.pixel_hit_id IS NOT NULL AND NEW.postback_hit_id IS NOT NULL), 1 * (NEW.discrepancy IS 'pixel_only'), 1 * (NEW.discrepancy IS 'postback_only'), 1 * (NEW.reconcile_due_at IS NOT NULL), 1 * (NEW.discrepancy IS 'amount_mismatch'), 1 * (NEW.discrepancy IS 'currency_mismatch'), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4; END;

CREATE TRIGGER hits_rollup_insert AFTER INSERT ON hits WHEN NEW.outcome IS NOT NULL BEGIN INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(NEW.received_at, 1, 16)) AS INTEGER) / 900, coalesce(NEW.offer_id, 0), coalesce(NEW.affiliate_id, 0), coalesce(NEW.goal, ''), NEW.is_test, NEW.outcome, 0, 1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(NEW.received_at, 1, 16)) AS INTEGER) / 900, NEW.is_test, NEW.outcome, 0, 1)
ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits; END;

CREATE TRIGGER hits_rollup_delete AFTER DELETE ON hits WHEN OLD.outcome IS NOT NULL BEGIN INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900, coalesce(OLD.offer_id, 0), coalesce(OLD.affiliate_id, 0), coalesce(OLD.goal, ''), OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900, OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits; END;

CREATE TRIGGER hits_rollup_update_old AFTER UPDATE OF received_at, offer_id, affiliate_id, goal, is_test, outcome ON hits WHEN OLD.outcome IS NOT NULL BEGIN INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900, coalesce(OLD.offer_id, 0), coalesce(OLD.affiliate_id, 0), coalesce(OLD.goal, ''), OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900, OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits; END;

CREATE TRIGGER hits_rollup_update_new AFTER UPDATE OF received_at, offer_id, affiliate_id, goal, is_test, outcome ON hits WHEN NEW.outcome IS NOT NULL BEGIN INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(NEW.received_at, 1, 16)) AS INTEGER) / 900, coalesce(NEW.offer_id, 0), coalesce(NEW.affiliate_id, 0), coalesce(NEW.goal, ''), NEW.is_test, NEW.outcome, 0, 1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(NEW.received_at, 1, 16)) AS INTEGER) / 900, NEW.is_test, NEW.outcome, 0, 1)
ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits; END;

INSERT INTO "__EFMigrationsHistory" ("migration_id", "product_version")
VALUES ('20261204105609_ReportRollups', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP TRIGGER IF EXISTS hits_rollup_delete;

CREATE TRIGGER hits_rollup_delete AFTER DELETE ON hits WHEN OLD.outcome IS NOT NULL AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'pruning_hits') BEGIN INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900, coalesce(OLD.offer_id, 0), coalesce(OLD.affiliate_id, 0), coalesce(OLD.goal, ''), OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900, OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits; END;

INSERT INTO "__EFMigrationsHistory" ("migration_id", "product_version")
VALUES ('20261204125942_HitRetention', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "refused_requests" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_refused_requests" PRIMARY KEY AUTOINCREMENT,
    "minute" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "partition" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "sample_url" TEXT NOT NULL,
    "sample_address" TEXT NULL,
    "sample_user_agent" TEXT NULL
);

CREATE INDEX "ix_refused_requests_minute" ON "refused_requests" ("minute");

INSERT INTO "__EFMigrationsHistory" ("migration_id", "product_version")
VALUES ('20261204132715_RefusedRequests', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "advertisers" ADD "allowed_ips" TEXT NOT NULL DEFAULT '';

ALTER TABLE "advertisers" ADD "postback_token_hash" TEXT NOT NULL DEFAULT '';

ALTER TABLE "advertisers" ADD "previous_secret_until" TEXT NULL;

ALTER TABLE "advertisers" ADD "previous_signing_secret" TEXT NULL;

ALTER TABLE "advertisers" ADD "require_signature" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "advertisers" ADD "require_token" INTEGER NOT NULL DEFAULT 1;

ALTER TABLE "advertisers" ADD "signing_secret" TEXT NOT NULL DEFAULT '';

CREATE TABLE "data_protection_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NULL,
    "xml" TEXT NULL
);

CREATE TABLE "seen_signatures" (
    "signature" TEXT NOT NULL CONSTRAINT "pk_seen_signatures" PRIMARY KEY,
    "expires_at" TEXT NOT NULL
);

CREATE INDEX "ix_seen_signatures_expires_at" ON "seen_signatures" ("expires_at");

INSERT INTO "__EFMigrationsHistory" ("migration_id", "product_version")
VALUES ('20261204145807_InboundAuthentication', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "report_conversion_days" (
    "quarter" INTEGER NOT NULL,
    "is_test" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "affiliate_id" INTEGER NOT NULL,
    "goal" TEXT NOT NULL,
    "conversions" INTEGER NOT NULL,
    "both_methods" INTEGER NOT NULL,
    "pixel_only" INTEGER NOT NULL,
    "postback_only" INTEGER NOT NULL,
    "awaiting" INTEGER NOT NULL,
    "amount_mismatch" INTEGER NOT NULL,
    "currency_mismatch" INTEGER NOT NULL,
    "revenue_e4" INTEGER NOT NULL,
    "payout_e4" INTEGER NOT NULL,
    "pending_revenue_e4" INTEGER NOT NULL,
    "pending_payout_e4" INTEGER NOT NULL,
    CONSTRAINT "pk_report_conversion_days" PRIMARY KEY ("quarter", "offer_id", "affiliate_id", "goal", "is_test", "currency", "shard")
);

CREATE TABLE "report_hit_days" (
    "quarter" INTEGER NOT NULL,
    "offer_id" INTEGER NOT NULL,
    "affiliate_id" INTEGER NOT NULL,
    "goal" TEXT NOT NULL,
    "is_test" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "hits" INTEGER NOT NULL,
    CONSTRAINT "pk_report_hit_days" PRIMARY KEY ("quarter", "offer_id", "affiliate_id", "goal", "is_test", "outcome", "shard")
);

CREATE INDEX "ix_hits_outcome" ON "hits" ("outcome", "id") WHERE outcome IS NOT NULL;

CREATE INDEX "ix_report_conversion_days_offer_id_quarter" ON "report_conversion_days" ("offer_id", "quarter");

CREATE INDEX "ix_report_hit_days_offer_id_quarter" ON "report_hit_days" ("offer_id", "quarter");

INSERT INTO report_conversion_days (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4) SELECT quarter / 96 * 96, offer_id, affiliate_id, goal, is_test, currency, 0, sum(conversions), sum(both_methods), sum(pixel_only), sum(postback_only), sum(awaiting), sum(amount_mismatch), sum(currency_mismatch), sum(revenue_e4), sum(payout_e4), sum(pending_revenue_e4), sum(pending_payout_e4) FROM report_conversion_quarters GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO report_hit_days (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits) SELECT quarter / 96 * 96, offer_id, affiliate_id, goal, is_test, outcome, 0, sum(hits) FROM report_hit_quarters GROUP BY 1, 2, 3, 4, 5, 6;

DROP TRIGGER IF EXISTS conversions_rollup_insert;

DROP TRIGGER IF EXISTS conversions_rollup_delete;

DROP TRIGGER IF EXISTS conversions_rollup_update;

DROP TRIGGER IF EXISTS hits_rollup_insert;

DROP TRIGGER IF EXISTS hits_rollup_delete;

DROP TRIGGER IF EXISTS hits_rollup_update_old;

DROP TRIGGER IF EXISTS hits_rollup_update_new;

CREATE TRIGGER conversions_rollup_insert AFTER INSERT ON conversions BEGIN INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(NEW.created_at, 1, 16)) AS INTEGER) / 900, NEW.offer_id, coalesce(NEW.affiliate_id, 0), NEW.goal, NEW.is_test, coalesce(NEW.currency, ''), 0, 1, 1 * (NEW.pixel_hit_id IS NOT NULL AND NEW.postback_hit_id IS NOT NULL), 1 * (NEW.discrepancy IS 'pixel_only'), 1 * (NEW.discrepancy IS 'postback_only'), 1 * (NEW.reconcile_due_at IS NOT NULL), 1 * (NEW.discrepancy IS 'amount_mismatch'), 1 * (NEW.discrepancy IS 'currency_mismatch'), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_totals (quarter, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(NEW.created_at, 1, 16)) AS INTEGER) / 900, NEW.is_test, coalesce(NEW.currency, ''), 0, 1, 1 * (NEW.pixel_hit_id IS NOT NULL AND NEW.postback_hit_id IS NOT NULL), 1 * (NEW.discrepancy IS 'pixel_only'), 1 * (NEW.discrepancy IS 'postback_only'), 1 * (NEW.reconcile_due_at IS NOT NULL), 1 * (NEW.discrepancy IS 'amount_mismatch'), 1 * (NEW.discrepancy IS 'currency_mismatch'), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_days (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES ((CAST(strftime('%s', substr(NEW.created_at, 1, 16)) AS INTEGER) / 900) / 96 * 96, NEW.offer_id, coalesce(NEW.affiliate_id, 0), NEW.goal, NEW.is_test, coalesce(NEW.currency, ''), 0, 1, 1 * (NEW.pixel_hit_id IS NOT NULL AND NEW.postback_hit_id IS NOT NULL), 1 * (NEW.discrepancy IS 'pixel_only'), 1 * (NEW.discrepancy IS 'postback_only'), 1 * (NEW.reconcile_due_at IS NOT NULL), 1 * (NEW.discrepancy IS 'amount_mismatch'), 1 * (NEW.discrepancy IS 'currency_mismatch'), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4; END;

CREATE TRIGGER conversions_rollup_delete AFTER DELETE ON conversions BEGIN INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(OLD.created_at, 1, 16)) AS INTEGER) / 900, OLD.offer_id, coalesce(OLD.affiliate_id, 0), OLD.goal, OLD.is_test, coalesce(OLD.currency, ''), 0, -1, -1 * (OLD.pixel_hit_id IS NOT NULL AND OLD.postback_hit_id IS NOT NULL), -1 * (OLD.discrepancy IS 'pixel_only'), -1 * (OLD.discrepancy IS 'postback_only'), -1 * (OLD.reconcile_due_at IS NOT NULL), -1 * (OLD.discrepancy IS 'amount_mismatch'), -1 * (OLD.discrepancy IS 'currency_mismatch'), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_totals (quarter, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(OLD.created_at, 1, 16)) AS INTEGER) / 900, OLD.is_test, coalesce(OLD.currency, ''), 0, -1, -1 * (OLD.pixel_hit_id IS NOT NULL AND OLD.postback_hit_id IS NOT NULL), -1 * (OLD.discrepancy IS 'pixel_only'), -1 * (OLD.discrepancy IS 'postback_only'), -1 * (OLD.reconcile_due_at IS NOT NULL), -1 * (OLD.discrepancy IS 'amount_mismatch'), -1 * (OLD.discrepancy IS 'currency_mismatch'), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_days (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES ((CAST(strftime('%s', substr(OLD.created_at, 1, 16)) AS INTEGER) / 900) / 96 * 96, OLD.offer_id, coalesce(OLD.affiliate_id, 0), OLD.goal, OLD.is_test, coalesce(OLD.currency, ''), 0, -1, -1 * (OLD.pixel_hit_id IS NOT NULL AND OLD.postback_hit_id IS NOT NULL), -1 * (OLD.discrepancy IS 'pixel_only'), -1 * (OLD.discrepancy IS 'postback_only'), -1 * (OLD.reconcile_due_at IS NOT NULL), -1 * (OLD.discrepancy IS 'amount_mismatch'), -1 * (OLD.discrepancy IS 'currency_mismatch'), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4; END;

CREATE TRIGGER conversions_rollup_update AFTER UPDATE OF created_at, offer_id, affiliate_id, goal, is_test, pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout ON conversions BEGIN INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(OLD.created_at, 1, 16)) AS INTEGER) / 900, OLD.offer_id, coalesce(OLD.affiliate_id, 0), OLD.goal, OLD.is_test, coalesce(OLD.currency, ''), 0, -1, -1 * (OLD.pixel_hit_id IS NOT NULL AND OLD.postback_hit_id IS NOT NULL), -1 * (OLD.discrepancy IS 'pixel_only'), -1 * (OLD.discrepancy IS 'postback_only'), -1 * (OLD.reconcile_due_at IS NOT NULL), -1 * (OLD.discrepancy IS 'amount_mismatch'), -1 * (OLD.discrepancy IS 'currency_mismatch'), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_totals (quarter, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(OLD.created_at, 1, 16)) AS INTEGER) / 900, OLD.is_test, coalesce(OLD.currency, ''), 0, -1, -1 * (OLD.pixel_hit_id IS NOT NULL AND OLD.postback_hit_id IS NOT NULL), -1 * (OLD.discrepancy IS 'pixel_only'), -1 * (OLD.discrepancy IS 'postback_only'), -1 * (OLD.reconcile_due_at IS NOT NULL), -1 * (OLD.discrepancy IS 'amount_mismatch'), -1 * (OLD.discrepancy IS 'currency_mismatch'), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_days (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES ((CAST(strftime('%s', substr(OLD.created_at, 1, 16)) AS INTEGER) / 900) / 96 * 96, OLD.offer_id, coalesce(OLD.affiliate_id, 0), OLD.goal, OLD.is_test, coalesce(OLD.currency, ''), 0, -1, -1 * (OLD.pixel_hit_id IS NOT NULL AND OLD.postback_hit_id IS NOT NULL), -1 * (OLD.discrepancy IS 'pixel_only'), -1 * (OLD.discrepancy IS 'postback_only'), -1 * (OLD.reconcile_due_at IS NOT NULL), -1 * (OLD.discrepancy IS 'amount_mismatch'), -1 * (OLD.discrepancy IS 'currency_mismatch'), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4; INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(NEW.created_at, 1, 16)) AS INTEGER) / 900, NEW.offer_id, coalesce(NEW.affiliate_id, 0), NEW.goal, NEW.is_test, coalesce(NEW.currency, ''), 0, 1, 1 * (NEW.pixel_hit_id IS NOT NULL AND NEW.postback_hit_id IS NOT NULL), 1 * (NEW.discrepancy IS 'pixel_only'), 1 * (NEW.discrepancy IS 'postback_only'), 1 * (NEW.reconcile_due_at IS NOT NULL), 1 * (NEW.discrepancy IS 'amount_mismatch'), 1 * (NEW.discrepancy IS 'currency_mismatch'), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_totals (quarter, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(NEW.created_at, 1, 16)) AS INTEGER) / 900, NEW.is_test, coalesce(NEW.currency, ''), 0, 1, 1 * (NEW.pixel_hit_id IS NOT NULL AND NEW.postback_hit_id IS NOT NULL), 1 * (NEW.discrepancy IS 'pixel_only'), 1 * (NEW.discrepancy IS 'postback_only'), 1 * (NEW.reconcile_due_at IS NOT NULL), 1 * (NEW.discrepancy IS 'amount_mismatch'), 1 * (NEW.discrepancy IS 'currency_mismatch'), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_days (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES ((CAST(strftime('%s', substr(NEW.created_at, 1, 16)) AS INTEGER) / 900) / 96 * 96, NEW.offer_id, coalesce(NEW.affiliate_id, 0), NEW.goal, NEW.is_test, coalesce(NEW.currency, ''), 0, 1, 1 * (NEW.pixel_hit_id IS NOT NULL AND NEW.postback_hit_id IS NOT NULL), 1 * (NEW.discrepancy IS 'pixel_only'), 1 * (NEW.discrepancy IS 'postback_only'), 1 * (NEW.reconcile_due_at IS NOT NULL), 1 * (NEW.discrepancy IS 'amount_mismatch'), 1 * (NEW.discrepancy IS 'currency_mismatch'), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4; END;

CREATE TRIGGER hits_rollup_insert AFTER INSERT ON hits WHEN NEW.outcome IS NOT NULL BEGIN INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(NEW.received_at, 1, 16)) AS INTEGER) / 900, coalesce(NEW.offer_id, 0), coalesce(NEW.affiliate_id, 0), coalesce(NEW.goal, ''), NEW.is_test, NEW.outcome, 0, 1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(NEW.received_at, 1, 16)) AS INTEGER) / 900, NEW.is_test, NEW.outcome, 0, 1)
ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_days (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES ((CAST(strftime('%s', substr(NEW.received_at, 1, 16)) AS INTEGER) / 900) / 96 * 96, coalesce(NEW.offer_id, 0), coalesce(NEW.affiliate_id, 0), coalesce(NEW.goal, ''), NEW.is_test, NEW.outcome, 0, 1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits; END;

CREATE TRIGGER hits_rollup_delete AFTER DELETE ON hits WHEN OLD.outcome IS NOT NULL AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'pruning_hits') BEGIN INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900, coalesce(OLD.offer_id, 0), coalesce(OLD.affiliate_id, 0), coalesce(OLD.goal, ''), OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900, OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_days (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES ((CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900) / 96 * 96, coalesce(OLD.offer_id, 0), coalesce(OLD.affiliate_id, 0), coalesce(OLD.goal, ''), OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits; END;

CREATE TRIGGER hits_rollup_update_old AFTER UPDATE OF received_at, offer_id, affiliate_id, goal, is_test, outcome ON hits WHEN OLD.outcome IS NOT NULL BEGIN INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900, coalesce(OLD.offer_id, 0), coalesce(OLD.affiliate_id, 0), coalesce(OLD.goal, ''), OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900, OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_days (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES ((CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900) / 96 * 96, coalesce(OLD.offer_id, 0), coalesce(OLD.affiliate_id, 0), coalesce(OLD.goal, ''), OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits; END;

CREATE TRIGGER hits_rollup_update_new AFTER UPDATE OF received_at, offer_id, affiliate_id, goal, is_test, outcome ON hits WHEN NEW.outcome IS NOT NULL BEGIN INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(NEW.received_at, 1, 16)) AS INTEGER) / 900, coalesce(NEW.offer_id, 0), coalesce(NEW.affiliate_id, 0), coalesce(NEW.goal, ''), NEW.is_test, NEW.outcome, 0, 1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(NEW.received_at, 1, 16)) AS INTEGER) / 900, NEW.is_test, NEW.outcome, 0, 1)
ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_days (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES ((CAST(strftime('%s', substr(NEW.received_at, 1, 16)) AS INTEGER) / 900) / 96 * 96, coalesce(NEW.offer_id, 0), coalesce(NEW.affiliate_id, 0), coalesce(NEW.goal, ''), NEW.is_test, NEW.outcome, 0, 1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits; END;

INSERT INTO "__EFMigrationsHistory" ("migration_id", "product_version")
VALUES ('20261204195013_ReportDays', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP TRIGGER IF EXISTS conversions_rollup_insert;

DROP TRIGGER IF EXISTS conversions_rollup_delete;

DROP TRIGGER IF EXISTS conversions_rollup_update;

DROP TRIGGER IF EXISTS hits_rollup_insert;

DROP TRIGGER IF EXISTS hits_rollup_delete;

DROP TRIGGER IF EXISTS hits_rollup_update_old;

DROP TRIGGER IF EXISTS hits_rollup_update_new;

CREATE TRIGGER conversions_rollup_insert AFTER INSERT ON conversions WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'rollups_by_statement') BEGIN INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(NEW.created_at, 1, 16)) AS INTEGER) / 900, NEW.offer_id, coalesce(NEW.affiliate_id, 0), NEW.goal, NEW.is_test, coalesce(NEW.currency, ''), 0, 1, 1 * (NEW.pixel_hit_id IS NOT NULL AND NEW.postback_hit_id IS NOT NULL), 1 * (NEW.discrepancy IS 'pixel_only'), 1 * (NEW.discrepancy IS 'postback_only'), 1 * (NEW.reconcile_due_at IS NOT NULL), 1 * (NEW.discrepancy IS 'amount_mismatch'), 1 * (NEW.discrepancy IS 'currency_mismatch'), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_totals (quarter, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(NEW.created_at, 1, 16)) AS INTEGER) / 900, NEW.is_test, coalesce(NEW.currency, ''), 0, 1, 1 * (NEW.pixel_hit_id IS NOT NULL AND NEW.postback_hit_id IS NOT NULL), 1 * (NEW.discrepancy IS 'pixel_only'), 1 * (NEW.discrepancy IS 'postback_only'), 1 * (NEW.reconcile_due_at IS NOT NULL), 1 * (NEW.discrepancy IS 'amount_mismatch'), 1 * (NEW.discrepancy IS 'currency_mismatch'), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_days (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES ((CAST(strftime('%s', substr(NEW.created_at, 1, 16)) AS INTEGER) / 900) / 96 * 96, NEW.offer_id, coalesce(NEW.affiliate_id, 0), NEW.goal, NEW.is_test, coalesce(NEW.currency, ''), 0, 1, 1 * (NEW.pixel_hit_id IS NOT NULL AND NEW.postback_hit_id IS NOT NULL), 1 * (NEW.discrepancy IS 'pixel_only'), 1 * (NEW.discrepancy IS 'postback_only'), 1 * (NEW.reconcile_due_at IS NOT NULL), 1 * (NEW.discrepancy IS 'amount_mismatch'), 1 * (NEW.discrepancy IS 'currency_mismatch'), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4; END;

CREATE TRIGGER conversions_rollup_delete AFTER DELETE ON conversions BEGIN INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(OLD.created_at, 1, 16)) AS INTEGER) / 900, OLD.offer_id, coalesce(OLD.affiliate_id, 0), OLD.goal, OLD.is_test, coalesce(OLD.currency, ''), 0, -1, -1 * (OLD.pixel_hit_id IS NOT NULL AND OLD.postback_hit_id IS NOT NULL), -1 * (OLD.discrepancy IS 'pixel_only'), -1 * (OLD.discrepancy IS 'postback_only'), -1 * (OLD.reconcile_due_at IS NOT NULL), -1 * (OLD.discrepancy IS 'amount_mismatch'), -1 * (OLD.discrepancy IS 'currency_mismatch'), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_totals (quarter, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(OLD.created_at, 1, 16)) AS INTEGER) / 900, OLD.is_test, coalesce(OLD.currency, ''), 0, -1, -1 * (OLD.pixel_hit_id IS NOT NULL AND OLD.postback_hit_id IS NOT NULL), -1 * (OLD.discrepancy IS 'pixel_only'), -1 * (OLD.discrepancy IS 'postback_only'), -1 * (OLD.reconcile_due_at IS NOT NULL), -1 * (OLD.discrepancy IS 'amount_mismatch'), -1 * (OLD.discrepancy IS 'currency_mismatch'), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_days (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES ((CAST(strftime('%s', substr(OLD.created_at, 1, 16)) AS INTEGER) / 900) / 96 * 96, OLD.offer_id, coalesce(OLD.affiliate_id, 0), OLD.goal, OLD.is_test, coalesce(OLD.currency, ''), 0, -1, -1 * (OLD.pixel_hit_id IS NOT NULL AND OLD.postback_hit_id IS NOT NULL), -1 * (OLD.discrepancy IS 'pixel_only'), -1 * (OLD.discrepancy IS 'postback_only'), -1 * (OLD.reconcile_due_at IS NOT NULL), -1 * (OLD.discrepancy IS 'amount_mismatch'), -1 * (OLD.discrepancy IS 'currency_mismatch'), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4; END;

CREATE TRIGGER conversions_rollup_update AFTER UPDATE OF created_at, offer_id, affiliate_id, goal, is_test, pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout ON conversions WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'rollups_by_statement') BEGIN INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(OLD.created_at, 1, 16)) AS INTEGER) / 900, OLD.offer_id, coalesce(OLD.affiliate_id, 0), OLD.goal, OLD.is_test, coalesce(OLD.currency, ''), 0, -1, -1 * (OLD.pixel_hit_id IS NOT NULL AND OLD.postback_hit_id IS NOT NULL), -1 * (OLD.discrepancy IS 'pixel_only'), -1 * (OLD.discrepancy IS 'postback_only'), -1 * (OLD.reconcile_due_at IS NOT NULL), -1 * (OLD.discrepancy IS 'amount_mismatch'), -1 * (OLD.discrepancy IS 'currency_mismatch'), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_totals (quarter, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(OLD.created_at, 1, 16)) AS INTEGER) / 900, OLD.is_test, coalesce(OLD.currency, ''), 0, -1, -1 * (OLD.pixel_hit_id IS NOT NULL AND OLD.postback_hit_id IS NOT NULL), -1 * (OLD.discrepancy IS 'pixel_only'), -1 * (OLD.discrepancy IS 'postback_only'), -1 * (OLD.reconcile_due_at IS NOT NULL), -1 * (OLD.discrepancy IS 'amount_mismatch'), -1 * (OLD.discrepancy IS 'currency_mismatch'), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_days (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES ((CAST(strftime('%s', substr(OLD.created_at, 1, 16)) AS INTEGER) / 900) / 96 * 96, OLD.offer_id, coalesce(OLD.affiliate_id, 0), OLD.goal, OLD.is_test, coalesce(OLD.currency, ''), 0, -1, -1 * (OLD.pixel_hit_id IS NOT NULL AND OLD.postback_hit_id IS NOT NULL), -1 * (OLD.discrepancy IS 'pixel_only'), -1 * (OLD.discrepancy IS 'postback_only'), -1 * (OLD.reconcile_due_at IS NOT NULL), -1 * (OLD.discrepancy IS 'amount_mismatch'), -1 * (OLD.discrepancy IS 'currency_mismatch'), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'approved' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.revenue * 10000) AS INTEGER) ELSE 0 END), -1 * (CASE WHEN OLD.status = 'pending' THEN CAST(round(OLD.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4; INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(NEW.created_at, 1, 16)) AS INTEGER) / 900, NEW.offer_id, coalesce(NEW.affiliate_id, 0), NEW.goal, NEW.is_test, coalesce(NEW.currency, ''), 0, 1, 1 * (NEW.pixel_hit_id IS NOT NULL AND NEW.postback_hit_id IS NOT NULL), 1 * (NEW.discrepancy IS 'pixel_only'), 1 * (NEW.discrepancy IS 'postback_only'), 1 * (NEW.reconcile_due_at IS NOT NULL), 1 * (NEW.discrepancy IS 'amount_mismatch'), 1 * (NEW.discrepancy IS 'currency_mismatch'), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_totals (quarter, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES (CAST(strftime('%s', substr(NEW.created_at, 1, 16)) AS INTEGER) / 900, NEW.is_test, coalesce(NEW.currency, ''), 0, 1, 1 * (NEW.pixel_hit_id IS NOT NULL AND NEW.postback_hit_id IS NOT NULL), 1 * (NEW.discrepancy IS 'pixel_only'), 1 * (NEW.discrepancy IS 'postback_only'), 1 * (NEW.reconcile_due_at IS NOT NULL), 1 * (NEW.discrepancy IS 'amount_mismatch'), 1 * (NEW.discrepancy IS 'currency_mismatch'), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4;
INSERT INTO report_conversion_days (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4)
VALUES ((CAST(strftime('%s', substr(NEW.created_at, 1, 16)) AS INTEGER) / 900) / 96 * 96, NEW.offer_id, coalesce(NEW.affiliate_id, 0), NEW.goal, NEW.is_test, coalesce(NEW.currency, ''), 0, 1, 1 * (NEW.pixel_hit_id IS NOT NULL AND NEW.postback_hit_id IS NOT NULL), 1 * (NEW.discrepancy IS 'pixel_only'), 1 * (NEW.discrepancy IS 'postback_only'), 1 * (NEW.reconcile_due_at IS NOT NULL), 1 * (NEW.discrepancy IS 'amount_mismatch'), 1 * (NEW.discrepancy IS 'currency_mismatch'), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'approved' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.revenue * 10000) AS INTEGER) ELSE 0 END), 1 * (CASE WHEN NEW.status = 'pending' THEN CAST(round(NEW.payout * 10000) AS INTEGER) ELSE 0 END))
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard) DO UPDATE SET conversions = conversions + excluded.conversions, both_methods = both_methods + excluded.both_methods, pixel_only = pixel_only + excluded.pixel_only, postback_only = postback_only + excluded.postback_only, awaiting = awaiting + excluded.awaiting, amount_mismatch = amount_mismatch + excluded.amount_mismatch, currency_mismatch = currency_mismatch + excluded.currency_mismatch, revenue_e4 = revenue_e4 + excluded.revenue_e4, payout_e4 = payout_e4 + excluded.payout_e4, pending_revenue_e4 = pending_revenue_e4 + excluded.pending_revenue_e4, pending_payout_e4 = pending_payout_e4 + excluded.pending_payout_e4; END;

CREATE TRIGGER hits_rollup_insert AFTER INSERT ON hits WHEN NEW.outcome IS NOT NULL AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'rollups_by_statement') BEGIN INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(NEW.received_at, 1, 16)) AS INTEGER) / 900, coalesce(NEW.offer_id, 0), coalesce(NEW.affiliate_id, 0), coalesce(NEW.goal, ''), NEW.is_test, NEW.outcome, 0, 1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(NEW.received_at, 1, 16)) AS INTEGER) / 900, NEW.is_test, NEW.outcome, 0, 1)
ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_days (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES ((CAST(strftime('%s', substr(NEW.received_at, 1, 16)) AS INTEGER) / 900) / 96 * 96, coalesce(NEW.offer_id, 0), coalesce(NEW.affiliate_id, 0), coalesce(NEW.goal, ''), NEW.is_test, NEW.outcome, 0, 1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits; END;

CREATE TRIGGER hits_rollup_delete AFTER DELETE ON hits WHEN OLD.outcome IS NOT NULL AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'pruning_hits') BEGIN INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900, coalesce(OLD.offer_id, 0), coalesce(OLD.affiliate_id, 0), coalesce(OLD.goal, ''), OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900, OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_days (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES ((CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900) / 96 * 96, coalesce(OLD.offer_id, 0), coalesce(OLD.affiliate_id, 0), coalesce(OLD.goal, ''), OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits; END;

CREATE TRIGGER hits_rollup_update_old AFTER UPDATE OF received_at, offer_id, affiliate_id, goal, is_test, outcome ON hits WHEN OLD.outcome IS NOT NULL AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'rollups_by_statement') BEGIN INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900, coalesce(OLD.offer_id, 0), coalesce(OLD.affiliate_id, 0), coalesce(OLD.goal, ''), OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900, OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_days (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES ((CAST(strftime('%s', substr(OLD.received_at, 1, 16)) AS INTEGER) / 900) / 96 * 96, coalesce(OLD.offer_id, 0), coalesce(OLD.affiliate_id, 0), coalesce(OLD.goal, ''), OLD.is_test, OLD.outcome, 0, -1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits; END;

CREATE TRIGGER hits_rollup_update_new AFTER UPDATE OF received_at, offer_id, affiliate_id, goal, is_test, outcome ON hits WHEN NEW.outcome IS NOT NULL AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'rollups_by_statement') BEGIN INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(NEW.received_at, 1, 16)) AS INTEGER) / 900, coalesce(NEW.offer_id, 0), coalesce(NEW.affiliate_id, 0), coalesce(NEW.goal, ''), NEW.is_test, NEW.outcome, 0, 1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_totals (quarter, is_test, outcome, shard, hits)
VALUES (CAST(strftime('%s', substr(NEW.received_at, 1, 16)) AS INTEGER) / 900, NEW.is_test, NEW.outcome, 0, 1)
ON CONFLICT (quarter, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits;
INSERT INTO report_hit_days (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits)
VALUES ((CAST(strftime('%s', substr(NEW.received_at, 1, 16)) AS INTEGER) / 900) / 96 * 96, coalesce(NEW.offer_id, 0), coalesce(NEW.affiliate_id, 0), coalesce(NEW.goal, ''), NEW.is_test, NEW.outcome, 0, 1)
ON CONFLICT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard) DO UPDATE SET hits = hits + excluded.hits; END;

INSERT INTO "__EFMigrationsHistory" ("migration_id", "product_version")
VALUES ('20261204232441_RollupsByStatement', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "ix_hits_click_id";

CREATE INDEX "ix_hits_decided_click_id" ON "hits" ("click_id") WHERE decided_at IS NOT NULL;

INSERT INTO "__EFMigrationsHistory" ("migration_id", "product_version")
VALUES ('20261205220910_LeanIngressRow', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "ix_hits_parked_pixels";

CREATE INDEX "ix_hits_parked_event_id" ON "hits" ("event_id") WHERE outcome = 'no_click_id' AND event_id IS NOT NULL;

CREATE INDEX "ix_hits_parked_order_id" ON "hits" ("order_id") WHERE outcome = 'no_click_id' AND order_id IS NOT NULL;

INSERT INTO "__EFMigrationsHistory" ("migration_id", "product_version")
VALUES ('20261206013640_ParkedPixelIndexes', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "ix_conversions_offer_id_goal_event_id";

DROP INDEX "ix_conversions_offer_id_goal_order_id";

CREATE INDEX "ix_conversions_offer_id_goal_event_id" ON "conversions" ("offer_id", "goal", "event_id") WHERE event_id IS NOT NULL;

CREATE INDEX "ix_conversions_offer_id_goal_order_id" ON "conversions" ("offer_id", "goal", "order_id") WHERE order_id IS NOT NULL;

INSERT INTO "__EFMigrationsHistory" ("migration_id", "product_version")
VALUES ('20261206173446_ConversionIdIndexesPartial', '10.0.15');

COMMIT;

