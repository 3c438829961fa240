IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [migration_id] nvarchar(150) NOT NULL,
        [product_version] nvarchar(32) NOT NULL,
        CONSTRAINT [pk___ef_migrations_history] PRIMARY KEY ([migration_id])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE TABLE [advertisers] (
        [id] int NOT NULL IDENTITY,
        [name] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [postback_token] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [created_at] datetime2 NOT NULL,
        CONSTRAINT [pk_advertisers] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE TABLE [affiliates] (
        [id] int NOT NULL IDENTITY,
        [name] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [created_at] datetime2 NOT NULL,
        CONSTRAINT [pk_affiliates] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE TABLE [clicks] (
        [id] nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [offer_id] int NOT NULL,
        [affiliate_id] int NOT NULL,
        [clicked_at] datetime2 NOT NULL,
        [sub1] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [sub2] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [sub3] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [sub4] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [sub5] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [source] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [ip] nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
        [user_agent] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [referrer] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        CONSTRAINT [pk_clicks] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE TABLE [conversions] (
        [id] nvarchar(26) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [offer_id] int NOT NULL,
        [affiliate_id] int NULL,
        [goal] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [click_id] nvarchar(40) COLLATE Latin1_General_100_BIN2 NULL,
        [clicked_at] datetime2 NULL,
        [sub1] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [sub2] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [sub3] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [sub4] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [sub5] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [source] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [order_id] nvarchar(128) COLLATE Latin1_General_100_BIN2 NULL,
        [event_id] nvarchar(128) COLLATE Latin1_General_100_BIN2 NULL,
        [dedup_key] nvarchar(140) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [key_kind] nvarchar(16) NOT NULL,
        [match] nvarchar(16) NOT NULL,
        [authority] nvarchar(16) NOT NULL,
        [status] nvarchar(16) NOT NULL,
        [amount] decimal(18,4) NULL,
        [currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NULL,
        [revenue] decimal(18,4) NOT NULL,
        [payout] decimal(18,4) NOT NULL,
        [duplicate_count] int NOT NULL,
        [discrepancy] nvarchar(24) NULL,
        [explanation] nvarchar(1024) COLLATE Latin1_General_100_BIN2 NULL,
        [pixel_hit_id] nvarchar(26) COLLATE Latin1_General_100_BIN2 NULL,
        [pixel_at] datetime2 NULL,
        [pixel_amount] decimal(18,4) NULL,
        [pixel_currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NULL,
        [pixel_status] nvarchar(16) COLLATE Latin1_General_100_BIN2 NULL,
        [postback_hit_id] nvarchar(26) COLLATE Latin1_General_100_BIN2 NULL,
        [postback_at] datetime2 NULL,
        [postback_amount] decimal(18,4) NULL,
        [postback_currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NULL,
        [postback_status] nvarchar(16) COLLATE Latin1_General_100_BIN2 NULL,
        [created_at] datetime2 NOT NULL,
        [updated_at] datetime2 NOT NULL,
        [version] int NOT NULL,
        [reconcile_due_at] datetime2 NULL,
        [reconciled_at] datetime2 NULL,
        CONSTRAINT [pk_conversions] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE TABLE [hits] (
        [id] nvarchar(26) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [method] nvarchar(16) NOT NULL,
        [channel] nvarchar(16) NOT NULL,
        [received_at] datetime2 NOT NULL,
        [offer_id] int NULL,
        [affiliate_id] int NULL,
        [goal] nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
        [click_id] nvarchar(48) COLLATE Latin1_General_100_BIN2 NULL,
        [click_id_source] nvarchar(16) NOT NULL,
        [amount] decimal(18,4) NULL,
        [currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NULL,
        [order_id] nvarchar(128) COLLATE Latin1_General_100_BIN2 NULL,
        [event_id] nvarchar(128) COLLATE Latin1_General_100_BIN2 NULL,
        [status] nvarchar(16) COLLATE Latin1_General_100_BIN2 NULL,
        [adv1] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [adv2] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [adv3] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [adv4] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [adv5] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [ip] nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
        [user_agent] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [outcome] nvarchar(32) COLLATE Latin1_General_100_BIN2 NULL,
        [outcome_detail] nvarchar(512) COLLATE Latin1_General_100_BIN2 NULL,
        [conversion_id] nvarchar(26) COLLATE Latin1_General_100_BIN2 NULL,
        [decided_at] datetime2 NULL,
        CONSTRAINT [pk_hits] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE TABLE [settings] (
        [key] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [value] nvarchar(512) COLLATE Latin1_General_100_BIN2 NOT NULL,
        CONSTRAINT [pk_settings] PRIMARY KEY ([key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE TABLE [offers] (
        [id] int NOT NULL IDENTITY,
        [advertiser_id] int NOT NULL,
        [name] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [landing_url] nvarchar(2000) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [lookback_days] int NOT NULL,
        [expected_methods] nvarchar(16) NOT NULL,
        [reconcile_after_minutes] int NOT NULL,
        [currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [authority] nvarchar(16) NOT NULL,
        [hold_for_approval] bit NOT NULL,
        [state] nvarchar(16) NOT NULL,
        [created_at] datetime2 NOT NULL,
        CONSTRAINT [pk_offers] PRIMARY KEY ([id]),
        CONSTRAINT [fk_offers_advertisers_advertiser_id] FOREIGN KEY ([advertiser_id]) REFERENCES [advertisers] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE TABLE [status_changes] (
        [id] bigint NOT NULL IDENTITY,
        [conversion_id] nvarchar(26) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [from] nvarchar(16) NULL,
        [to] nvarchar(16) NOT NULL,
        [at] datetime2 NOT NULL,
        [source] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        CONSTRAINT [pk_status_changes] PRIMARY KEY ([id]),
        CONSTRAINT [fk_status_changes_conversions_conversion_id] FOREIGN KEY ([conversion_id]) REFERENCES [conversions] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE TABLE [goals] (
        [id] int NOT NULL IDENTITY,
        [offer_id] int NOT NULL,
        [code] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [once_per_click] bit NOT NULL,
        [revenue] decimal(18,4) NOT NULL,
        [revenue_kind] nvarchar(16) NOT NULL,
        [payout] decimal(18,4) NOT NULL,
        [payout_kind] nvarchar(16) NOT NULL,
        CONSTRAINT [pk_goals] PRIMARY KEY ([id]),
        CONSTRAINT [fk_goals_offers_offer_id] FOREIGN KEY ([offer_id]) REFERENCES [offers] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE INDEX [ix_clicks_offer_id_clicked_at] ON [clicks] ([offer_id], [clicked_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE INDEX [ix_conversions_click_id_goal] ON [conversions] ([click_id], [goal]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE INDEX [ix_conversions_created_at] ON [conversions] ([created_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [ix_conversions_offer_id_goal_dedup_key] ON [conversions] ([offer_id], [goal], [dedup_key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE INDEX [ix_conversions_offer_id_goal_event_id] ON [conversions] ([offer_id], [goal], [event_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE INDEX [ix_conversions_offer_id_goal_order_id] ON [conversions] ([offer_id], [goal], [order_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    EXEC(N'CREATE INDEX [ix_conversions_reconcile_due_at] ON [conversions] ([reconcile_due_at]) WHERE reconcile_due_at IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [ix_goals_offer_id_code] ON [goals] ([offer_id], [code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE INDEX [ix_hits_click_id] ON [hits] ([click_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    EXEC(N'CREATE INDEX [ix_hits_conversion_id] ON [hits] ([conversion_id]) WHERE conversion_id IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE INDEX [ix_hits_offer_id_received_at] ON [hits] ([offer_id], [received_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    EXEC(N'CREATE INDEX [ix_hits_parked_pixels] ON [hits] ([offer_id], [goal]) WHERE outcome = ''no_click_id''');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    EXEC(N'CREATE INDEX [ix_hits_undecided] ON [hits] ([decided_at]) WHERE decided_at IS NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE INDEX [ix_offers_advertiser_id] ON [offers] ([advertiser_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    CREATE INDEX [ix_status_changes_conversion_id] ON [status_changes] ([conversion_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125060059_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261125060059_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125063734_Forwarding'
)
BEGIN
    ALTER TABLE [conversions] ADD [forward_due_at] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125063734_Forwarding'
)
BEGIN
    ALTER TABLE [affiliates] ADD [previous_secret_until] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125063734_Forwarding'
)
BEGIN
    ALTER TABLE [affiliates] ADD [previous_signing_secret] nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125063734_Forwarding'
)
BEGIN
    ALTER TABLE [affiliates] ADD [signing_secret] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125063734_Forwarding'
)
BEGIN
    CREATE TABLE [postback_templates] (
        [id] int NOT NULL IDENTITY,
        [affiliate_id] int NOT NULL,
        [offer_id] int NULL,
        [goal] nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
        [trigger] nvarchar(16) NOT NULL,
        [method] nvarchar(8) NOT NULL,
        [url] nvarchar(2000) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [reversal_url] nvarchar(2000) COLLATE Latin1_General_100_BIN2 NULL,
        [sign] bit NOT NULL,
        [state] nvarchar(16) NOT NULL,
        [paused_reason] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        [consecutive_failures] int NOT NULL,
        [created_at] datetime2 NOT NULL,
        CONSTRAINT [pk_postback_templates] PRIMARY KEY ([id]),
        CONSTRAINT [fk_postback_templates_affiliates_affiliate_id] FOREIGN KEY ([affiliate_id]) REFERENCES [affiliates] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125063734_Forwarding'
)
BEGIN
    CREATE TABLE [deliveries] (
        [id] nvarchar(26) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [conversion_id] nvarchar(26) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [template_id] int NOT NULL,
        [affiliate_id] int NOT NULL,
        [offer_id] int NOT NULL,
        [kind] nvarchar(16) NOT NULL,
        [method] nvarchar(8) NOT NULL,
        [url] nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [host] nvarchar(256) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [body] nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
        [sign] bit NOT NULL,
        [state] nvarchar(16) NOT NULL,
        [attempt_count] int NOT NULL,
        [created_at] datetime2 NOT NULL,
        [retrying_since] datetime2 NOT NULL,
        [next_attempt_at] datetime2 NULL,
        [completed_at] datetime2 NULL,
        [last_error] nvarchar(512) COLLATE Latin1_General_100_BIN2 NULL,
        [locked_until] datetime2 NULL,
        [locked_by] nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
        CONSTRAINT [pk_deliveries] PRIMARY KEY ([id]),
        CONSTRAINT [fk_deliveries_conversions_conversion_id] FOREIGN KEY ([conversion_id]) REFERENCES [conversions] ([id]) ON DELETE NO ACTION,
        CONSTRAINT [fk_deliveries_postback_templates_template_id] FOREIGN KEY ([template_id]) REFERENCES [postback_templates] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125063734_Forwarding'
)
BEGIN
    CREATE TABLE [delivery_attempts] (
        [id] bigint NOT NULL IDENTITY,
        [delivery_id] nvarchar(26) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [at] datetime2 NOT NULL,
        [status_code] int NULL,
        [error] nvarchar(512) COLLATE Latin1_General_100_BIN2 NULL,
        [latency_ms] int NOT NULL,
        [response] nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
        CONSTRAINT [pk_delivery_attempts] PRIMARY KEY ([id]),
        CONSTRAINT [fk_delivery_attempts_deliveries_delivery_id] FOREIGN KEY ([delivery_id]) REFERENCES [deliveries] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125063734_Forwarding'
)
BEGIN
    EXEC(N'CREATE INDEX [ix_conversions_forward_due_at] ON [conversions] ([forward_due_at]) WHERE forward_due_at IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125063734_Forwarding'
)
BEGIN
    CREATE INDEX [ix_deliveries_affiliate_id_id] ON [deliveries] ([affiliate_id], [id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125063734_Forwarding'
)
BEGIN
    CREATE UNIQUE INDEX [ix_deliveries_conversion_id_template_id_kind] ON [deliveries] ([conversion_id], [template_id], [kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125063734_Forwarding'
)
BEGIN
    EXEC(N'CREATE INDEX [ix_deliveries_due] ON [deliveries] ([next_attempt_at], [host]) WHERE state = ''pending''');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125063734_Forwarding'
)
BEGIN
    CREATE INDEX [ix_deliveries_offer_id_id] ON [deliveries] ([offer_id], [id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125063734_Forwarding'
)
BEGIN
    CREATE INDEX [ix_deliveries_template_id_state] ON [deliveries] ([template_id], [state]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125063734_Forwarding'
)
BEGIN
    CREATE INDEX [ix_delivery_attempts_delivery_id] ON [delivery_attempts] ([delivery_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125063734_Forwarding'
)
BEGIN
    CREATE INDEX [ix_postback_templates_affiliate_id] ON [postback_templates] ([affiliate_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261125063734_Forwarding'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261125063734_Forwarding', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204071623_ApiKeys'
)
BEGIN
    CREATE TABLE [api_keys] (
        [id] int NOT NULL IDENTITY,
        [name] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [role] nvarchar(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [advertiser_id] int NULL,
        [affiliate_id] int NULL,
        [key_hash] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [prefix] nvarchar(12) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [created_at] datetime2 NOT NULL,
        [last_used_at] datetime2 NULL,
        [revoked_at] datetime2 NULL,
        CONSTRAINT [pk_api_keys] PRIMARY KEY ([id]),
        CONSTRAINT [fk_api_keys_advertisers_advertiser_id] FOREIGN KEY ([advertiser_id]) REFERENCES [advertisers] ([id]) ON DELETE NO ACTION,
        CONSTRAINT [fk_api_keys_affiliates_affiliate_id] FOREIGN KEY ([affiliate_id]) REFERENCES [affiliates] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204071623_ApiKeys'
)
BEGIN
    CREATE INDEX [ix_api_keys_advertiser_id] ON [api_keys] ([advertiser_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204071623_ApiKeys'
)
BEGIN
    CREATE INDEX [ix_api_keys_affiliate_id] ON [api_keys] ([affiliate_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204071623_ApiKeys'
)
BEGIN
    CREATE UNIQUE INDEX [ix_api_keys_key_hash] ON [api_keys] ([key_hash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204071623_ApiKeys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261204071623_ApiKeys', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204074902_TestConversions'
)
BEGIN
    ALTER TABLE [hits] ADD [is_test] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204074902_TestConversions'
)
BEGIN
    ALTER TABLE [conversions] ADD [is_test] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204074902_TestConversions'
)
BEGIN
    ALTER TABLE [clicks] ADD [is_test] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204074902_TestConversions'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261204074902_TestConversions', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204082145_StatusWords'
)
BEGIN
    ALTER TABLE [status_changes] ADD [payout] decimal(18,4) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204082145_StatusWords'
)
BEGIN
    ALTER TABLE [status_changes] ADD [revenue] decimal(18,4) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204082145_StatusWords'
)
BEGIN
    ALTER TABLE [hits] ADD [payout] decimal(18,4) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204082145_StatusWords'
)
BEGIN
    ALTER TABLE [hits] ADD [revenue] decimal(18,4) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204082145_StatusWords'
)
BEGIN
    ALTER TABLE [conversions] ADD [postback_payout] decimal(18,4) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204082145_StatusWords'
)
BEGIN
    ALTER TABLE [conversions] ADD [postback_revenue] decimal(18,4) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204082145_StatusWords'
)
BEGIN
    ALTER TABLE [advertisers] ADD [postback_sets_payout] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204082145_StatusWords'
)
BEGIN
    ALTER TABLE [advertisers] ADD [status_words] nvarchar(4000) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204082145_StatusWords'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261204082145_StatusWords', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204100418_MmpEventGoalsAndAdvFields'
)
BEGIN
    ALTER TABLE [offers] ADD [event_goals] nvarchar(max) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204100418_MmpEventGoalsAndAdvFields'
)
BEGIN
    ALTER TABLE [conversions] ADD [adv1] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204100418_MmpEventGoalsAndAdvFields'
)
BEGIN
    ALTER TABLE [conversions] ADD [adv2] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204100418_MmpEventGoalsAndAdvFields'
)
BEGIN
    ALTER TABLE [conversions] ADD [adv3] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204100418_MmpEventGoalsAndAdvFields'
)
BEGIN
    ALTER TABLE [conversions] ADD [adv4] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204100418_MmpEventGoalsAndAdvFields'
)
BEGIN
    ALTER TABLE [conversions] ADD [adv5] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204100418_MmpEventGoalsAndAdvFields'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261204100418_MmpEventGoalsAndAdvFields', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204101148_HoldPeriods'
)
BEGIN
    ALTER TABLE [offers] ADD [hold_days] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204101148_HoldPeriods'
)
BEGIN
    ALTER TABLE [conversions] ADD [hold_until] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204101148_HoldPeriods'
)
BEGIN
    EXEC(N'CREATE INDEX [ix_conversions_hold_until] ON [conversions] ([hold_until]) WHERE hold_until IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204101148_HoldPeriods'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261204101148_HoldPeriods', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204105701_ReportRollups'
)
BEGIN
    CREATE TABLE [report_conversion_quarters] (
        [quarter] bigint NOT NULL,
        [is_test] bit NOT NULL,
        [currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [shard] int NOT NULL,
        [offer_id] int NOT NULL,
        [affiliate_id] int NOT NULL,
        [goal] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [conversions] bigint NOT NULL,
        [both_methods] bigint NOT NULL,
        [pixel_only] bigint NOT NULL,
        [postback_only] bigint NOT NULL,
        [awaiting] bigint NOT NULL,
        [amount_mismatch] bigint NOT NULL,
        [currency_mismatch] bigint NOT NULL,
        [revenue_e4] bigint NOT NULL,
        [payout_e4] bigint NOT NULL,
        [pending_revenue_e4] bigint NOT NULL,
        [pending_payout_e4] bigint NOT NULL,
        CONSTRAINT [pk_report_conversion_quarters] PRIMARY KEY ([quarter], [offer_id], [affiliate_id], [goal], [is_test], [currency], [shard])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204105701_ReportRollups'
)
BEGIN
    CREATE TABLE [report_conversion_totals] (
        [quarter] bigint NOT NULL,
        [is_test] bit NOT NULL,
        [currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [shard] int NOT NULL,
        [conversions] bigint NOT NULL,
        [both_methods] bigint NOT NULL,
        [pixel_only] bigint NOT NULL,
        [postback_only] bigint NOT NULL,
        [awaiting] bigint NOT NULL,
        [amount_mismatch] bigint NOT NULL,
        [currency_mismatch] bigint NOT NULL,
        [revenue_e4] bigint NOT NULL,
        [payout_e4] bigint NOT NULL,
        [pending_revenue_e4] bigint NOT NULL,
        [pending_payout_e4] bigint NOT NULL,
        CONSTRAINT [pk_report_conversion_totals] PRIMARY KEY ([quarter], [is_test], [currency], [shard])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204105701_ReportRollups'
)
BEGIN
    CREATE TABLE [report_hit_quarters] (
        [quarter] bigint NOT NULL,
        [offer_id] int NOT NULL,
        [affiliate_id] int NOT NULL,
        [goal] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [is_test] bit NOT NULL,
        [outcome] nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [shard] int NOT NULL,
        [hits] bigint NOT NULL,
        CONSTRAINT [pk_report_hit_quarters] PRIMARY KEY ([quarter], [offer_id], [affiliate_id], [goal], [is_test], [outcome], [shard])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204105701_ReportRollups'
)
BEGIN
    CREATE TABLE [report_hit_totals] (
        [quarter] bigint NOT NULL,
        [is_test] bit NOT NULL,
        [outcome] nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [shard] int NOT NULL,
        [hits] bigint NOT NULL,
        CONSTRAINT [pk_report_hit_totals] PRIMARY KEY ([quarter], [is_test], [outcome], [shard])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204105701_ReportRollups'
)
BEGIN
    CREATE INDEX [ix_report_conversion_quarters_offer_id_quarter] ON [report_conversion_quarters] ([offer_id], [quarter]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204105701_ReportRollups'
)
BEGIN
    CREATE INDEX [ix_report_hit_quarters_offer_id_quarter] ON [report_hit_quarters] ([offer_id], [quarter]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204105701_ReportRollups'
)
BEGIN
    INSERT INTO report_conversion_quarters (quarter, offer_id, affiliate_id, goal, is_test, currency, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4, shard) SELECT g.*, 0 FROM (SELECT DATEDIFF_BIG(SECOND, '19700101', created_at) / 900 AS quarter, offer_id AS offer_id, COALESCE(affiliate_id, 0) AS affiliate_id, goal AS goal, is_test AS is_test, COALESCE(currency, '') AS currency, SUM(sign) AS conversions, SUM(CASE WHEN pixel_hit_id IS NOT NULL AND postback_hit_id IS NOT NULL THEN sign ELSE 0 END) AS both_methods, SUM(CASE WHEN discrepancy = 'pixel_only' THEN sign ELSE 0 END) AS pixel_only, SUM(CASE WHEN discrepancy = 'postback_only' THEN sign ELSE 0 END) AS postback_only, SUM(CASE WHEN reconcile_due_at IS NOT NULL THEN sign ELSE 0 END) AS awaiting, SUM(CASE WHEN discrepancy = 'amount_mismatch' THEN sign ELSE 0 END) AS amount_mismatch, SUM(CASE WHEN discrepancy = 'currency_mismatch' THEN sign ELSE 0 END) AS currency_mismatch, SUM(CASE WHEN status = 'approved' THEN sign * CAST(revenue * 10000 AS bigint) ELSE 0 END) AS revenue_e4, SUM(CASE WHEN status = 'approved' THEN sign * CAST(payout * 10000 AS bigint) ELSE 0 END) AS payout_e4, SUM(CASE WHEN status = 'pending' THEN sign * CAST(revenue * 10000 AS bigint) ELSE 0 END) AS pending_revenue_e4, SUM(CASE WHEN status = 'pending' THEN sign * CAST(payout * 10000 AS bigint) ELSE 0 END) AS pending_payout_e4 FROM (SELECT created_at, offer_id, affiliate_id, goal, is_test, pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout, 1 AS sign FROM conversions) s GROUP BY DATEDIFF_BIG(SECOND, '19700101', created_at) / 900, offer_id, COALESCE(affiliate_id, 0), goal, is_test, COALESCE(currency, '')) g;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204105701_ReportRollups'
)
BEGIN
    INSERT INTO report_conversion_totals (quarter, is_test, currency, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4, shard) SELECT g.*, 0 FROM (SELECT DATEDIFF_BIG(SECOND, '19700101', created_at) / 900 AS quarter, is_test AS is_test, COALESCE(currency, '') AS currency, SUM(sign) AS conversions, SUM(CASE WHEN pixel_hit_id IS NOT NULL AND postback_hit_id IS NOT NULL THEN sign ELSE 0 END) AS both_methods, SUM(CASE WHEN discrepancy = 'pixel_only' THEN sign ELSE 0 END) AS pixel_only, SUM(CASE WHEN discrepancy = 'postback_only' THEN sign ELSE 0 END) AS postback_only, SUM(CASE WHEN reconcile_due_at IS NOT NULL THEN sign ELSE 0 END) AS awaiting, SUM(CASE WHEN discrepancy = 'amount_mismatch' THEN sign ELSE 0 END) AS amount_mismatch, SUM(CASE WHEN discrepancy = 'currency_mismatch' THEN sign ELSE 0 END) AS currency_mismatch, SUM(CASE WHEN status = 'approved' THEN sign * CAST(revenue * 10000 AS bigint) ELSE 0 END) AS revenue_e4, SUM(CASE WHEN status = 'approved' THEN sign * CAST(payout * 10000 AS bigint) ELSE 0 END) AS payout_e4, SUM(CASE WHEN status = 'pending' THEN sign * CAST(revenue * 10000 AS bigint) ELSE 0 END) AS pending_revenue_e4, SUM(CASE WHEN status = 'pending' THEN sign * CAST(payout * 10000 AS bigint) ELSE 0 END) AS pending_payout_e4 FROM (SELECT created_at, offer_id, affiliate_id, goal, is_test, pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout, 1 AS sign FROM conversions) s GROUP BY DATEDIFF_BIG(SECOND, '19700101', created_at) / 900, is_test, COALESCE(currency, '')) g;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204105701_ReportRollups'
)
BEGIN
    INSERT INTO report_hit_quarters (quarter, offer_id, affiliate_id, goal, is_test, outcome, hits, shard) SELECT g.*, 0 FROM (SELECT DATEDIFF_BIG(SECOND, '19700101', received_at) / 900 AS quarter, COALESCE(offer_id, 0) AS offer_id, COALESCE(affiliate_id, 0) AS affiliate_id, COALESCE(goal, '') AS goal, is_test AS is_test, outcome AS outcome, SUM(sign) AS hits FROM (SELECT received_at, offer_id, affiliate_id, goal, is_test, outcome, 1 AS sign FROM hits WHERE outcome IS NOT NULL) s GROUP BY DATEDIFF_BIG(SECOND, '19700101', received_at) / 900, COALESCE(offer_id, 0), COALESCE(affiliate_id, 0), COALESCE(goal, ''), is_test, outcome) g;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204105701_ReportRollups'
)
BEGIN
    INSERT INTO report_hit_totals (quarter, is_test, outcome, hits, shard) SELECT g.*, 0 FROM (SELECT DATEDIFF_BIG(SECOND, '19700101', received_at) / 900 AS quarter, is_test AS is_test, outcome AS outcome, SUM(sign) AS hits FROM (SELECT received_at, offer_id, affiliate_id, goal, is_test, outcome, 1 AS sign FROM hits WHERE outcome IS NOT NULL) s GROUP BY DATEDIFF_BIG(SECOND, '19700101', received_at) / 900, is_test, outcome) g;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204105701_ReportRollups'
)
BEGIN
    EXEC(N'CREATE TRIGGER conversions_rollup ON conversions AFTER INSERT, UPDATE, DELETE AS
    BEGIN
        SET NOCOUNT ON;
        IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
            AND NOT (UPDATE(created_at) OR UPDATE(offer_id) OR UPDATE(affiliate_id) OR UPDATE(goal) OR UPDATE(is_test) OR UPDATE(pixel_hit_id) OR UPDATE(postback_hit_id) OR UPDATE(discrepancy) OR UPDATE(reconcile_due_at) OR UPDATE(status) OR UPDATE(currency) OR UPDATE(revenue) OR UPDATE(payout)) RETURN;
        MERGE report_conversion_quarters WITH (HOLDLOCK) AS r USING (SELECT DATEDIFF_BIG(SECOND, ''19700101'', created_at) / 900 AS quarter, offer_id AS offer_id, COALESCE(affiliate_id, 0) AS affiliate_id, goal AS goal, is_test AS is_test, COALESCE(currency, '''') AS currency, SUM(sign) AS conversions, SUM(CASE WHEN pixel_hit_id IS NOT NULL AND postback_hit_id IS NOT NULL THEN sign ELSE 0 END) AS both_methods, SUM(CASE WHEN discrepancy = ''pixel_only'' THEN sign ELSE 0 END) AS pixel_only, SUM(CASE WHEN discrepancy = ''postback_only'' THEN sign ELSE 0 END) AS postback_only, SUM(CASE WHEN reconcile_due_at IS NOT NULL THEN sign ELSE 0 END) AS awaiting, SUM(CASE WHEN discrepancy = ''amount_mismatch'' THEN sign ELSE 0 END) AS amount_mismatch, SUM(CASE WHEN discrepancy = ''currency_mismatch'' THEN sign ELSE 0 END) AS currency_mismatch, SUM(CASE WHEN status = ''approved'' THEN sign * CAST(revenue * 10000 AS bigint) ELSE 0 END) AS revenue_e4, SUM(CASE WHEN status = ''approved'' THEN sign * CAST(payout * 10000 AS bigint) ELSE 0 END) AS payout_e4, SUM(CASE WHEN status = ''pending'' THEN sign * CAST(revenue * 10000 AS bigint) ELSE 0 END) AS pending_revenue_e4, SUM(CASE WHEN status = ''pending'' THEN sign * CAST(payout * 10000 AS bigint) ELSE 0 END) AS pending_payout_e4 FROM (SELECT created_at, offer_id, affiliate_id, goal, is_test, pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout, 1 AS sign FROM inserted UNION ALL SELECT created_at, offer_id, affiliate_id, goal, is_test, pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout, -1 AS sign FROM deleted) s GROUP BY DATEDIFF_BIG(SECOND, ''19700101'', created_at) / 900, offer_id, COALESCE(affiliate_id, 0), goal, is_test, COALESCE(currency, '''')) AS d ON r.quarter = d.quarter AND r.offer_id = d.offer_id AND r.affiliate_id = d.affiliate_id AND r.goal = d.goal AND r.is_test = d.is_test AND r.currency = d.currency AND r.shard = @@SPID % 8 WHEN MATCHED THEN UPDATE SET conversions = r.conversions + d.conversions, both_methods = r.both_methods + d.both_methods, pixel_only = r.pixel_only + d.pixel_only, postback_only = r.postback_only + d.postback_only, awaiting = r.awaiting + d.awaiting, amount_mismatch = r.amount_mismatch + d.amount_mismatch, currency_mismatch = r.currency_mismatch + d.currency_mismatch, revenue_e4 = r.revenue_e4 + d.revenue_e4, payout_e4 = r.payout_e4 + d.payout_e4, pending_revenue_e4 = r.pending_revenue_e4 + d.pending_revenue_e4, pending_payout_e4 = r.pending_payout_e4 + d.pending_payout_e4 WHEN NOT MATCHED THEN INSERT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4) VALUES (d.quarter, d.offer_id, d.affiliate_id, d.goal, d.is_test, d.currency, @@SPID % 8, d.conversions, d.both_methods, d.pixel_only, d.postback_only, d.awaiting, d.amount_mismatch, d.currency_mismatch, d.revenue_e4, d.payout_e4, d.pending_revenue_e4, d.pending_payout_e4);
        MERGE report_conversion_totals WITH (HOLDLOCK) AS r USING (SELECT DATEDIFF_BIG(SECOND, ''19700101'', created_at) / 900 AS quarter, is_test AS is_test, COALESCE(currency, '''') AS currency, SUM(sign) AS conversions, SUM(CASE WHEN pixel_hit_id IS NOT NULL AND postback_hit_id IS NOT NULL THEN sign ELSE 0 END) AS both_methods, SUM(CASE WHEN discrepancy = ''pixel_only'' THEN sign ELSE 0 END) AS pixel_only, SUM(CASE WHEN discrepancy = ''postback_only'' THEN sign ELSE 0 END) AS postback_only, SUM(CASE WHEN reconcile_due_at IS NOT NULL THEN sign ELSE 0 END) AS awaiting, SUM(CASE WHEN discrepancy = ''amount_mismatch'' THEN sign ELSE 0 END) AS amount_mismatch, SUM(CASE WHEN discrepancy = ''currency_mismatch'' THEN sign ELSE 0 END) AS currency_mismatch, SUM(CASE WHEN status = ''approved'' THEN sign * CAST(revenue * 10000 AS bigint) ELSE 0 END) AS revenue_e4, SUM(CASE WHEN status = ''approved'' THEN sign * CAST(payout * 10000 AS bigint) ELSE 0 END) AS payout_e4, SUM(CASE WHEN status = ''pending'' THEN sign * CAST(revenue * 10000 AS bigint) ELSE 0 END) AS pending_revenue_e4, SUM(CASE WHEN status = ''pending'' THEN sign * CAST(payout * 10000 AS bigint) ELSE 0 END) AS pending_payout_e4 FROM (SELECT created_at, offer_id, affiliate_id, goal, is_test, pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout, 1 AS sign FROM inserted UNION ALL SELECT created_at, offer_id, affiliate_id, goal, is_test, pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout, -1 AS sign FROM deleted) s GROUP BY DATEDIFF_BIG(SECOND, ''19700101'', created_at) / 900, is_test, COALESCE(currency, '''')) AS d ON r.quarter = d.quarter AND r.is_test = d.is_test AND r.currency = d.currency AND r.shard = @@SPID % 8 WHEN MATCHED THEN UPDATE SET conversions = r.conversions + d.conversions, both_methods = r.both_methods + d.both_methods, pixel_only = r.pixel_only + d.pixel_only, postback_only = r.postback_only + d.postback_only, awaiting = r.awaiting + d.awaiting, amount_mismatch = r.amount_mismatch + d.amount_mismatch, currency_mismatch = r.currency_mismatch + d.currency_mismatch, revenue_e4 = r.revenue_e4 + d.revenue_e4, payout_e4 = r.payout_e4 + d.payout_e4, pending_revenue_e4 = r.pending_revenue_e4 + d.pending_revenue_e4, pending_payout_e4 = r.pending_payout_e4 + d.pending_payout_e4 WHEN NOT MATCHED THEN INSERT (quarter, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4) VALUES (d.quarter, d.is_test, d.currency, @@SPID % 8, d.conversions, d.both_methods, d.pixel_only, d.postback_only, d.awaiting, d.amount_mismatch, d.currency_mismatch, d.revenue_e4, d.payout_e4, d.pending_revenue_e4, d.pending_payout_e4);
    END');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204105701_ReportRollups'
)
BEGIN
    EXEC(N'CREATE TRIGGER hits_rollup ON hits AFTER INSERT, UPDATE, DELETE AS
    BEGIN
        SET NOCOUNT ON;
        IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
            AND NOT (UPDATE(received_at) OR UPDATE(offer_id) OR UPDATE(affiliate_id) OR UPDATE(goal) OR UPDATE(is_test) OR UPDATE(outcome)) RETURN;
        MERGE report_hit_quarters WITH (HOLDLOCK) AS r USING (SELECT DATEDIFF_BIG(SECOND, ''19700101'', received_at) / 900 AS quarter, COALESCE(offer_id, 0) AS offer_id, COALESCE(affiliate_id, 0) AS affiliate_id, COALESCE(goal, '''') AS goal, is_test AS is_test, outcome AS outcome, SUM(sign) AS hits FROM (SELECT received_at, offer_id, affiliate_id, goal, is_test, outcome, 1 AS sign FROM inserted WHERE outcome IS NOT NULL UNION ALL SELECT received_at, offer_id, affiliate_id, goal, is_test, outcome, -1 AS sign FROM deleted WHERE outcome IS NOT NULL) s GROUP BY DATEDIFF_BIG(SECOND, ''19700101'', received_at) / 900, COALESCE(offer_id, 0), COALESCE(affiliate_id, 0), COALESCE(goal, ''''), is_test, outcome) AS d ON r.quarter = d.quarter AND r.offer_id = d.offer_id AND r.affiliate_id = d.affiliate_id AND r.goal = d.goal AND r.is_test = d.is_test AND r.outcome = d.outcome AND r.shard = @@SPID % 8 WHEN MATCHED THEN UPDATE SET hits = r.hits + d.hits WHEN NOT MATCHED THEN INSERT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits) VALUES (d.quarter, d.offer_id, d.affiliate_id, d.goal, d.is_test, d.outcome, @@SPID % 8, d.hits);
        MERGE report_hit_totals WITH (HOLDLOCK) AS r USING (SELECT DATEDIFF_BIG(SECOND, ''19700101'', received_at) / 900 AS quarter, is_test AS is_test, outcome AS outcome, SUM(sign) AS hits FROM (SELECT received_at, offer_id, affiliate_id, goal, is_test, outcome, 1 AS sign FROM inserted WHERE outcome IS NOT NULL UNION ALL SELECT received_at, offer_id, affiliate_id, goal, is_test, outcome, -1 AS sign FROM deleted WHERE outcome IS NOT NULL) s GROUP BY DATEDIFF_BIG(SECOND, ''19700101'', received_at) / 900, is_test, outcome) AS d ON r.quarter = d.quarter AND r.is_test = d.is_test AND r.outcome = d.outcome AND r.shard = @@SPID % 8 WHEN MATCHED THEN UPDATE SET hits = r.hits + d.hits WHEN NOT MATCHED THEN INSERT (quarter, is_test, outcome, shard, hits) VALUES (d.quarter, d.is_test, d.outcome, @@SPID % 8, d.hits);
    END');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204105701_ReportRollups'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261204105701_ReportRollups', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204125950_HitRetention'
)
BEGIN
    DROP TRIGGER IF EXISTS hits_rollup;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204125950_HitRetention'
)
BEGIN
    EXEC(N'CREATE TRIGGER hits_rollup ON hits AFTER INSERT, UPDATE, DELETE AS
    BEGIN
        SET NOCOUNT ON;
        IF NOT EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM settings WHERE [key] = ''pruning_hits'') RETURN;
        IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
            AND NOT (UPDATE(received_at) OR UPDATE(offer_id) OR UPDATE(affiliate_id) OR UPDATE(goal) OR UPDATE(is_test) OR UPDATE(outcome)) RETURN;
        MERGE report_hit_quarters WITH (HOLDLOCK) AS r USING (SELECT DATEDIFF_BIG(SECOND, ''19700101'', received_at) / 900 AS quarter, COALESCE(offer_id, 0) AS offer_id, COALESCE(affiliate_id, 0) AS affiliate_id, COALESCE(goal, '''') AS goal, is_test AS is_test, outcome AS outcome, SUM(sign) AS hits FROM (SELECT received_at, offer_id, affiliate_id, goal, is_test, outcome, 1 AS sign FROM inserted WHERE outcome IS NOT NULL UNION ALL SELECT received_at, offer_id, affiliate_id, goal, is_test, outcome, -1 AS sign FROM deleted WHERE outcome IS NOT NULL) s GROUP BY DATEDIFF_BIG(SECOND, ''19700101'', received_at) / 900, COALESCE(offer_id, 0), COALESCE(affiliate_id, 0), COALESCE(goal, ''''), is_test, outcome) AS d ON r.quarter = d.quarter AND r.offer_id = d.offer_id AND r.affiliate_id = d.affiliate_id AND r.goal = d.goal AND r.is_test = d.is_test AND r.outcome = d.outcome AND r.shard = @@SPID % 8 WHEN MATCHED THEN UPDATE SET hits = r.hits + d.hits WHEN NOT MATCHED THEN INSERT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits) VALUES (d.quarter, d.offer_id, d.affiliate_id, d.goal, d.is_test, d.outcome, @@SPID % 8, d.hits);
        MERGE report_hit_totals WITH (HOLDLOCK) AS r USING (SELECT DATEDIFF_BIG(SECOND, ''19700101'', received_at) / 900 AS quarter, is_test AS is_test, outcome AS outcome, SUM(sign) AS hits FROM (SELECT received_at, offer_id, affiliate_id, goal, is_test, outcome, 1 AS sign FROM inserted WHERE outcome IS NOT NULL UNION ALL SELECT received_at, offer_id, affiliate_id, goal, is_test, outcome, -1 AS sign FROM deleted WHERE outcome IS NOT NULL) s GROUP BY DATEDIFF_BIG(SECOND, ''19700101'', received_at) / 900, is_test, outcome) AS d ON r.quarter = d.quarter AND r.is_test = d.is_test AND r.outcome = d.outcome AND r.shard = @@SPID % 8 WHEN MATCHED THEN UPDATE SET hits = r.hits + d.hits WHEN NOT MATCHED THEN INSERT (quarter, is_test, outcome, shard, hits) VALUES (d.quarter, d.is_test, d.outcome, @@SPID % 8, d.hits);
    END');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204125950_HitRetention'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261204125950_HitRetention', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204132726_RefusedRequests'
)
BEGIN
    CREATE TABLE [refused_requests] (
        [id] bigint NOT NULL IDENTITY,
        [minute] datetime2 NOT NULL,
        [endpoint] nvarchar(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [partition] nvarchar(80) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [count] bigint NOT NULL,
        [sample_url] nvarchar(512) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [sample_address] nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
        [sample_user_agent] nvarchar(256) COLLATE Latin1_General_100_BIN2 NULL,
        CONSTRAINT [pk_refused_requests] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204132726_RefusedRequests'
)
BEGIN
    CREATE INDEX [ix_refused_requests_minute] ON [refused_requests] ([minute]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204132726_RefusedRequests'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261204132726_RefusedRequests', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204145815_InboundAuthentication'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[affiliates]') AND [c].[name] = N'signing_secret');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [affiliates] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [affiliates] ALTER COLUMN [signing_secret] nvarchar(512) COLLATE Latin1_General_100_BIN2 NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204145815_InboundAuthentication'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[affiliates]') AND [c].[name] = N'previous_signing_secret');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [affiliates] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [affiliates] ALTER COLUMN [previous_signing_secret] nvarchar(512) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204145815_InboundAuthentication'
)
BEGIN
    DECLARE @var2 nvarchar(max);
    SELECT @var2 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[advertisers]') AND [c].[name] = N'postback_token');
    IF @var2 IS NOT NULL EXEC(N'ALTER TABLE [advertisers] DROP CONSTRAINT ' + @var2 + ';');
    ALTER TABLE [advertisers] ALTER COLUMN [postback_token] nvarchar(512) COLLATE Latin1_General_100_BIN2 NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204145815_InboundAuthentication'
)
BEGIN
    ALTER TABLE [advertisers] ADD [allowed_ips] nvarchar(max) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204145815_InboundAuthentication'
)
BEGIN
    ALTER TABLE [advertisers] ADD [postback_token_hash] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204145815_InboundAuthentication'
)
BEGIN
    ALTER TABLE [advertisers] ADD [previous_secret_until] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204145815_InboundAuthentication'
)
BEGIN
    ALTER TABLE [advertisers] ADD [previous_signing_secret] nvarchar(512) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204145815_InboundAuthentication'
)
BEGIN
    ALTER TABLE [advertisers] ADD [require_signature] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204145815_InboundAuthentication'
)
BEGIN
    ALTER TABLE [advertisers] ADD [require_token] bit NOT NULL DEFAULT CAST(1 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204145815_InboundAuthentication'
)
BEGIN
    ALTER TABLE [advertisers] ADD [signing_secret] nvarchar(512) COLLATE Latin1_General_100_BIN2 NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204145815_InboundAuthentication'
)
BEGIN
    CREATE TABLE [data_protection_keys] (
        [id] int NOT NULL IDENTITY,
        [friendly_name] nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
        [xml] nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
        CONSTRAINT [pk_data_protection_keys] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204145815_InboundAuthentication'
)
BEGIN
    CREATE TABLE [seen_signatures] (
        [signature] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [expires_at] datetime2 NOT NULL,
        CONSTRAINT [pk_seen_signatures] PRIMARY KEY ([signature])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204145815_InboundAuthentication'
)
BEGIN
    CREATE INDEX [ix_seen_signatures_expires_at] ON [seen_signatures] ([expires_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204145815_InboundAuthentication'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261204145815_InboundAuthentication', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204195021_ReportDays'
)
BEGIN
    CREATE TABLE [report_conversion_days] (
        [quarter] bigint NOT NULL,
        [is_test] bit NOT NULL,
        [currency] nvarchar(3) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [shard] int NOT NULL,
        [offer_id] int NOT NULL,
        [affiliate_id] int NOT NULL,
        [goal] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [conversions] bigint NOT NULL,
        [both_methods] bigint NOT NULL,
        [pixel_only] bigint NOT NULL,
        [postback_only] bigint NOT NULL,
        [awaiting] bigint NOT NULL,
        [amount_mismatch] bigint NOT NULL,
        [currency_mismatch] bigint NOT NULL,
        [revenue_e4] bigint NOT NULL,
        [payout_e4] bigint NOT NULL,
        [pending_revenue_e4] bigint NOT NULL,
        [pending_payout_e4] bigint NOT NULL,
        CONSTRAINT [pk_report_conversion_days] PRIMARY KEY ([quarter], [offer_id], [affiliate_id], [goal], [is_test], [currency], [shard])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204195021_ReportDays'
)
BEGIN
    CREATE TABLE [report_hit_days] (
        [quarter] bigint NOT NULL,
        [offer_id] int NOT NULL,
        [affiliate_id] int NOT NULL,
        [goal] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [is_test] bit NOT NULL,
        [outcome] nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
        [shard] int NOT NULL,
        [hits] bigint NOT NULL,
        CONSTRAINT [pk_report_hit_days] PRIMARY KEY ([quarter], [offer_id], [affiliate_id], [goal], [is_test], [outcome], [shard])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204195021_ReportDays'
)
BEGIN
    EXEC(N'CREATE INDEX [ix_hits_outcome] ON [hits] ([outcome], [id]) WHERE outcome IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204195021_ReportDays'
)
BEGIN
    CREATE INDEX [ix_report_conversion_days_offer_id_quarter] ON [report_conversion_days] ([offer_id], [quarter]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204195021_ReportDays'
)
BEGIN
    CREATE INDEX [ix_report_hit_days_offer_id_quarter] ON [report_hit_days] ([offer_id], [quarter]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204195021_ReportDays'
)
BEGIN
    INSERT INTO report_conversion_days (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4) SELECT quarter / 96 * 96, offer_id, affiliate_id, goal, is_test, currency, 0, SUM(conversions), SUM(both_methods), SUM(pixel_only), SUM(postback_only), SUM(awaiting), SUM(amount_mismatch), SUM(currency_mismatch), SUM(revenue_e4), SUM(payout_e4), SUM(pending_revenue_e4), SUM(pending_payout_e4) FROM report_conversion_quarters GROUP BY quarter / 96 * 96, offer_id, affiliate_id, goal, is_test, currency;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204195021_ReportDays'
)
BEGIN
    INSERT INTO report_hit_days (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits) SELECT quarter / 96 * 96, offer_id, affiliate_id, goal, is_test, outcome, 0, SUM(hits) FROM report_hit_quarters GROUP BY quarter / 96 * 96, offer_id, affiliate_id, goal, is_test, outcome;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204195021_ReportDays'
)
BEGIN
    DROP TRIGGER IF EXISTS conversions_rollup;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204195021_ReportDays'
)
BEGIN
    DROP TRIGGER IF EXISTS hits_rollup;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204195021_ReportDays'
)
BEGIN
    EXEC(N'CREATE TRIGGER conversions_rollup ON conversions AFTER INSERT, UPDATE, DELETE AS
    BEGIN
        SET NOCOUNT ON;
        IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
            AND NOT (UPDATE(created_at) OR UPDATE(offer_id) OR UPDATE(affiliate_id) OR UPDATE(goal) OR UPDATE(is_test) OR UPDATE(pixel_hit_id) OR UPDATE(postback_hit_id) OR UPDATE(discrepancy) OR UPDATE(reconcile_due_at) OR UPDATE(status) OR UPDATE(currency) OR UPDATE(revenue) OR UPDATE(payout)) RETURN;
        MERGE report_conversion_quarters WITH (HOLDLOCK) AS r USING (SELECT DATEDIFF_BIG(SECOND, ''19700101'', created_at) / 900 AS quarter, offer_id AS offer_id, COALESCE(affiliate_id, 0) AS affiliate_id, goal AS goal, is_test AS is_test, COALESCE(currency, '''') AS currency, SUM(sign) AS conversions, SUM(CASE WHEN pixel_hit_id IS NOT NULL AND postback_hit_id IS NOT NULL THEN sign ELSE 0 END) AS both_methods, SUM(CASE WHEN discrepancy = ''pixel_only'' THEN sign ELSE 0 END) AS pixel_only, SUM(CASE WHEN discrepancy = ''postback_only'' THEN sign ELSE 0 END) AS postback_only, SUM(CASE WHEN reconcile_due_at IS NOT NULL THEN sign ELSE 0 END) AS awaiting, SUM(CASE WHEN discrepancy = ''amount_mismatch'' THEN sign ELSE 0 END) AS amount_mismatch, SUM(CASE WHEN discrepancy = ''currency_mismatch'' THEN sign ELSE 0 END) AS currency_mismatch, SUM(CASE WHEN status = ''approved'' THEN sign * CAST(revenue * 10000 AS bigint) ELSE 0 END) AS revenue_e4, SUM(CASE WHEN status = ''approved'' THEN sign * CAST(payout * 10000 AS bigint) ELSE 0 END) AS payout_e4, SUM(CASE WHEN status = ''pending'' THEN sign * CAST(revenue * 10000 AS bigint) ELSE 0 END) AS pending_revenue_e4, SUM(CASE WHEN status = ''pending'' THEN sign * CAST(payout * 10000 AS bigint) ELSE 0 END) AS pending_payout_e4 FROM (SELECT created_at, offer_id, affiliate_id, goal, is_test, pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout, 1 AS sign FROM inserted UNION ALL SELECT created_at, offer_id, affiliate_id, goal, is_test, pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout, -1 AS sign FROM deleted) s GROUP BY DATEDIFF_BIG(SECOND, ''19700101'', created_at) / 900, offer_id, COALESCE(affiliate_id, 0), goal, is_test, COALESCE(currency, '''')) AS d ON r.quarter = d.quarter AND r.offer_id = d.offer_id AND r.affiliate_id = d.affiliate_id AND r.goal = d.goal AND r.is_test = d.is_test AND r.currency = d.currency AND r.shard = @@SPID % 8 WHEN MATCHED THEN UPDATE SET conversions = r.conversions + d.conversions, both_methods = r.both_methods + d.both_methods, pixel_only = r.pixel_only + d.pixel_only, postback_only = r.postback_only + d.postback_only, awaiting = r.awaiting + d.awaiting, amount_mismatch = r.amount_mismatch + d.amount_mismatch, currency_mismatch = r.currency_mismatch + d.currency_mismatch, revenue_e4 = r.revenue_e4 + d.revenue_e4, payout_e4 = r.payout_e4 + d.payout_e4, pending_revenue_e4 = r.pending_revenue_e4 + d.pending_revenue_e4, pending_payout_e4 = r.pending_payout_e4 + d.pending_payout_e4 WHEN NOT MATCHED THEN INSERT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4) VALUES (d.quarter, d.offer_id, d.affiliate_id, d.goal, d.is_test, d.currency, @@SPID % 8, d.conversions, d.both_methods, d.pixel_only, d.postback_only, d.awaiting, d.amount_mismatch, d.currency_mismatch, d.revenue_e4, d.payout_e4, d.pending_revenue_e4, d.pending_payout_e4);
        MERGE report_conversion_totals WITH (HOLDLOCK) AS r USING (SELECT DATEDIFF_BIG(SECOND, ''19700101'', created_at) / 900 AS quarter, is_test AS is_test, COALESCE(currency, '''') AS currency, SUM(sign) AS conversions, SUM(CASE WHEN pixel_hit_id IS NOT NULL AND postback_hit_id IS NOT NULL THEN sign ELSE 0 END) AS both_methods, SUM(CASE WHEN discrepancy = ''pixel_only'' THEN sign ELSE 0 END) AS pixel_only, SUM(CASE WHEN discrepancy = ''postback_only'' THEN sign ELSE 0 END) AS postback_only, SUM(CASE WHEN reconcile_due_at IS NOT NULL THEN sign ELSE 0 END) AS awaiting, SUM(CASE WHEN discrepancy = ''amount_mismatch'' THEN sign ELSE 0 END) AS amount_mismatch, SUM(CASE WHEN discrepancy = ''currency_mismatch'' THEN sign ELSE 0 END) AS currency_mismatch, SUM(CASE WHEN status = ''approved'' THEN sign * CAST(revenue * 10000 AS bigint) ELSE 0 END) AS revenue_e4, SUM(CASE WHEN status = ''approved'' THEN sign * CAST(payout * 10000 AS bigint) ELSE 0 END) AS payout_e4, SUM(CASE WHEN status = ''pending'' THEN sign * CAST(revenue * 10000 AS bigint) ELSE 0 END) AS pending_revenue_e4, SUM(CASE WHEN status = ''pending'' THEN sign * CAST(payout * 10000 AS bigint) ELSE 0 END) AS pending_payout_e4 FROM (SELECT created_at, offer_id, affiliate_id, goal, is_test, pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout, 1 AS sign FROM inserted UNION ALL SELECT created_at, offer_id, affiliate_id, goal, is_test, pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout, -1 AS sign FROM deleted) s GROUP BY DATEDIFF_BIG(SECOND, ''19700101'', created_at) / 900, is_test, COALESCE(currency, '''')) AS d ON r.quarter = d.quarter AND r.is_test = d.is_test AND r.currency = d.currency AND r.shard = @@SPID % 8 WHEN MATCHED THEN UPDATE SET conversions = r.conversions + d.conversions, both_methods = r.both_methods + d.both_methods, pixel_only = r.pixel_only + d.pixel_only, postback_only = r.postback_only + d.postback_only, awaiting = r.awaiting + d.awaiting, amount_mismatch = r.amount_mismatch + d.amount_mismatch, currency_mismatch = r.currency_mismatch + d.currency_mismatch, revenue_e4 = r.revenue_e4 + d.revenue_e4, payout_e4 = r.payout_e4 + d.payout_e4, pending_revenue_e4 = r.pending_revenue_e4 + d.pending_revenue_e4, pending_payout_e4 = r.pending_payout_e4 + d.pending_payout_e4 WHEN NOT MATCHED THEN INSERT (quarter, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4) VALUES (d.quarter, d.is_test, d.currency, @@SPID % 8, d.conversions, d.both_methods, d.pixel_only, d.postback_only, d.awaiting, d.amount_mismatch, d.currency_mismatch, d.revenue_e4, d.payout_e4, d.pending_revenue_e4, d.pending_payout_e4);
        MERGE report_conversion_days WITH (HOLDLOCK) AS r USING (SELECT DATEDIFF_BIG(SECOND, ''19700101'', created_at) / 900 / 96 * 96 AS quarter, offer_id AS offer_id, COALESCE(affiliate_id, 0) AS affiliate_id, goal AS goal, is_test AS is_test, COALESCE(currency, '''') AS currency, SUM(sign) AS conversions, SUM(CASE WHEN pixel_hit_id IS NOT NULL AND postback_hit_id IS NOT NULL THEN sign ELSE 0 END) AS both_methods, SUM(CASE WHEN discrepancy = ''pixel_only'' THEN sign ELSE 0 END) AS pixel_only, SUM(CASE WHEN discrepancy = ''postback_only'' THEN sign ELSE 0 END) AS postback_only, SUM(CASE WHEN reconcile_due_at IS NOT NULL THEN sign ELSE 0 END) AS awaiting, SUM(CASE WHEN discrepancy = ''amount_mismatch'' THEN sign ELSE 0 END) AS amount_mismatch, SUM(CASE WHEN discrepancy = ''currency_mismatch'' THEN sign ELSE 0 END) AS currency_mismatch, SUM(CASE WHEN status = ''approved'' THEN sign * CAST(revenue * 10000 AS bigint) ELSE 0 END) AS revenue_e4, SUM(CASE WHEN status = ''approved'' THEN sign * CAST(payout * 10000 AS bigint) ELSE 0 END) AS payout_e4, SUM(CASE WHEN status = ''pending'' THEN sign * CAST(revenue * 10000 AS bigint) ELSE 0 END) AS pending_revenue_e4, SUM(CASE WHEN status = ''pending'' THEN sign * CAST(payout * 10000 AS bigint) ELSE 0 END) AS pending_payout_e4 FROM (SELECT created_at, offer_id, affiliate_id, goal, is_test, pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout, 1 AS sign FROM inserted UNION ALL SELECT created_at, offer_id, affiliate_id, goal, is_test, pixel_hit_id, postback_hit_id, discrepancy, reconcile_due_at, status, currency, revenue, payout, -1 AS sign FROM deleted) s GROUP BY DATEDIFF_BIG(SECOND, ''19700101'', created_at) / 900 / 96 * 96, offer_id, COALESCE(affiliate_id, 0), goal, is_test, COALESCE(currency, '''')) AS d ON r.quarter = d.quarter AND r.offer_id = d.offer_id AND r.affiliate_id = d.affiliate_id AND r.goal = d.goal AND r.is_test = d.is_test AND r.currency = d.currency AND r.shard = @@SPID % 8 WHEN MATCHED THEN UPDATE SET conversions = r.conversions + d.conversions, both_methods = r.both_methods + d.both_methods, pixel_only = r.pixel_only + d.pixel_only, postback_only = r.postback_only + d.postback_only, awaiting = r.awaiting + d.awaiting, amount_mismatch = r.amount_mismatch + d.amount_mismatch, currency_mismatch = r.currency_mismatch + d.currency_mismatch, revenue_e4 = r.revenue_e4 + d.revenue_e4, payout_e4 = r.payout_e4 + d.payout_e4, pending_revenue_e4 = r.pending_revenue_e4 + d.pending_revenue_e4, pending_payout_e4 = r.pending_payout_e4 + d.pending_payout_e4 WHEN NOT MATCHED THEN INSERT (quarter, offer_id, affiliate_id, goal, is_test, currency, shard, conversions, both_methods, pixel_only, postback_only, awaiting, amount_mismatch, currency_mismatch, revenue_e4, payout_e4, pending_revenue_e4, pending_payout_e4) VALUES (d.quarter, d.offer_id, d.affiliate_id, d.goal, d.is_test, d.currency, @@SPID % 8, d.conversions, d.both_methods, d.pixel_only, d.postback_only, d.awaiting, d.amount_mismatch, d.currency_mismatch, d.revenue_e4, d.payout_e4, d.pending_revenue_e4, d.pending_payout_e4);
    END');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204195021_ReportDays'
)
BEGIN
    EXEC(N'CREATE TRIGGER hits_rollup ON hits AFTER INSERT, UPDATE, DELETE AS
    BEGIN
        SET NOCOUNT ON;
        IF NOT EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM settings WHERE [key] = ''pruning_hits'') RETURN;
        IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
            AND NOT (UPDATE(received_at) OR UPDATE(offer_id) OR UPDATE(affiliate_id) OR UPDATE(goal) OR UPDATE(is_test) OR UPDATE(outcome)) RETURN;
        MERGE report_hit_quarters WITH (HOLDLOCK) AS r USING (SELECT DATEDIFF_BIG(SECOND, ''19700101'', received_at) / 900 AS quarter, COALESCE(offer_id, 0) AS offer_id, COALESCE(affiliate_id, 0) AS affiliate_id, COALESCE(goal, '''') AS goal, is_test AS is_test, outcome AS outcome, SUM(sign) AS hits FROM (SELECT received_at, offer_id, affiliate_id, goal, is_test, outcome, 1 AS sign FROM inserted WHERE outcome IS NOT NULL UNION ALL SELECT received_at, offer_id, affiliate_id, goal, is_test, outcome, -1 AS sign FROM deleted WHERE outcome IS NOT NULL) s GROUP BY DATEDIFF_BIG(SECOND, ''19700101'', received_at) / 900, COALESCE(offer_id, 0), COALESCE(affiliate_id, 0), COALESCE(goal, ''''), is_test, outcome) AS d ON r.quarter = d.quarter AND r.offer_id = d.offer_id AND r.affiliate_id = d.affiliate_id AND r.goal = d.goal AND r.is_test = d.is_test AND r.outcome = d.outcome AND r.shard = @@SPID % 8 WHEN MATCHED THEN UPDATE SET hits = r.hits + d.hits WHEN NOT MATCHED THEN INSERT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits) VALUES (d.quarter, d.offer_id, d.affiliate_id, d.goal, d.is_test, d.outcome, @@SPID % 8, d.hits);
        MERGE report_hit_totals WITH (HOLDLOCK) AS r USING (SELECT DATEDIFF_BIG(SECOND, ''19700101'', received_at) / 900 AS quarter, is_test AS is_test, outcome AS outcome, SUM(sign) AS hits FROM (SELECT received_at, offer_id, affiliate_id, goal, is_test, outcome, 1 AS sign FROM inserted WHERE outcome IS NOT NULL UNION ALL SELECT received_at, offer_id, affiliate_id, goal, is_test, outcome, -1 AS sign FROM deleted WHERE outcome IS NOT NULL) s GROUP BY DATEDIFF_BIG(SECOND, ''19700101'', received_at) / 900, is_test, outcome) AS d ON r.quarter = d.quarter AND r.is_test = d.is_test AND r.outcome = d.outcome AND r.shard = @@SPID % 8 WHEN MATCHED THEN UPDATE SET hits = r.hits + d.hits WHEN NOT MATCHED THEN INSERT (quarter, is_test, outcome, shard, hits) VALUES (d.quarter, d.is_test, d.outcome, @@SPID % 8, d.hits);
        MERGE report_hit_days WITH (HOLDLOCK) AS r USING (SELECT DATEDIFF_BIG(SECOND, ''19700101'', received_at) / 900 / 96 * 96 AS quarter, COALESCE(offer_id, 0) AS offer_id, COALESCE(affiliate_id, 0) AS affiliate_id, COALESCE(goal, '''') AS goal, is_test AS is_test, outcome AS outcome, SUM(sign) AS hits FROM (SELECT received_at, offer_id, affiliate_id, goal, is_test, outcome, 1 AS sign FROM inserted WHERE outcome IS NOT NULL UNION ALL SELECT received_at, offer_id, affiliate_id, goal, is_test, outcome, -1 AS sign FROM deleted WHERE outcome IS NOT NULL) s GROUP BY DATEDIFF_BIG(SECOND, ''19700101'', received_at) / 900 / 96 * 96, COALESCE(offer_id, 0), COALESCE(affiliate_id, 0), COALESCE(goal, ''''), is_test, outcome) AS d ON r.quarter = d.quarter AND r.offer_id = d.offer_id AND r.affiliate_id = d.affiliate_id AND r.goal = d.goal AND r.is_test = d.is_test AND r.outcome = d.outcome AND r.shard = @@SPID % 8 WHEN MATCHED THEN UPDATE SET hits = r.hits + d.hits WHEN NOT MATCHED THEN INSERT (quarter, offer_id, affiliate_id, goal, is_test, outcome, shard, hits) VALUES (d.quarter, d.offer_id, d.affiliate_id, d.goal, d.is_test, d.outcome, @@SPID % 8, d.hits);
    END');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261204195021_ReportDays'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261204195021_ReportDays', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261205220925_LeanIngressRow'
)
BEGIN
    DROP INDEX [ix_hits_click_id] ON [hits];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261205220925_LeanIngressRow'
)
BEGIN
    EXEC(N'CREATE INDEX [ix_hits_decided_click_id] ON [hits] ([click_id]) WHERE decided_at IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261205220925_LeanIngressRow'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261205220925_LeanIngressRow', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261206013653_ParkedPixelIndexes'
)
BEGIN
    DROP INDEX [ix_hits_parked_pixels] ON [hits];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261206013653_ParkedPixelIndexes'
)
BEGIN
    EXEC(N'CREATE INDEX [ix_hits_parked_event_id] ON [hits] ([event_id]) WHERE outcome = ''no_click_id'' AND event_id IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261206013653_ParkedPixelIndexes'
)
BEGIN
    EXEC(N'CREATE INDEX [ix_hits_parked_order_id] ON [hits] ([order_id]) WHERE outcome = ''no_click_id'' AND order_id IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261206013653_ParkedPixelIndexes'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261206013653_ParkedPixelIndexes', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261206173501_ConversionIdIndexesPartial'
)
BEGIN
    DROP INDEX [ix_conversions_offer_id_goal_event_id] ON [conversions];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261206173501_ConversionIdIndexesPartial'
)
BEGIN
    DROP INDEX [ix_conversions_offer_id_goal_order_id] ON [conversions];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261206173501_ConversionIdIndexesPartial'
)
BEGIN
    EXEC(N'CREATE INDEX [ix_conversions_offer_id_goal_event_id] ON [conversions] ([offer_id], [goal], [event_id]) WHERE event_id IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261206173501_ConversionIdIndexesPartial'
)
BEGIN
    EXEC(N'CREATE INDEX [ix_conversions_offer_id_goal_order_id] ON [conversions] ([offer_id], [goal], [order_id]) WHERE order_id IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [migration_id] = N'20261206173501_ConversionIdIndexesPartial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([migration_id], [product_version])
    VALUES (N'20261206173501_ConversionIdIndexesPartial', N'10.0.15');
END;

COMMIT;
GO

