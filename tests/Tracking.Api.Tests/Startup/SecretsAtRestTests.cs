using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Infrastructure.Startup;

namespace Tracking.Api.Tests.Startup;

/// <summary>Issue 12.4: no postback token, signing secret or key is stored in plain text, and older plain rows are converted.</summary>
public sealed class SecretsAtRestTests
{
    [Fact]
    public async Task TheDatabaseHoldsNoTokenSecretOrKeyInPlainText()
    {
        await using var app = new TrackingApp();
        var api = app.Api();
        var advertiser = await (await api.PostJson("/api/advertisers", new { name = "Acme", require_signature = true })).Json(HttpStatusCode.Created);
        var rotated = await (await api.PatchJson($"/api/advertisers/{advertiser.Id()}", new { rotate_signing_secret = true })).Json(HttpStatusCode.OK);
        var affiliate = await (await api.PostJson("/api/affiliates", new { name = "Partner" })).Json(HttpStatusCode.Created);
        var affiliateRotated = await (await api.PostJson($"/api/affiliates/{affiliate.Id()}/secret/rotate", new { })).Json(HttpStatusCode.OK);
        var key = (await (await api.PostJson("/api/keys", new { name = "analyst", role = "analyst" })).Json(HttpStatusCode.Created)).Str("key");
        var clickKey = Convert.ToBase64String(app.Services.GetRequiredService<Secrets>().ClickIdKey);
        string[] secrets =
        [
            advertiser.Str("postback_token"), advertiser.Str("signing_secret"), rotated.Str("signing_secret"),
            affiliate.Str("signing_secret"), affiliateRotated.Str("signing_secret"), key, TrackingApp.AdminKey, clickKey,
        ];
        Assert.All(secrets, s => Assert.True(s.Length >= 14, s));
        // Still usable: the API shows them again, read back through Data Protection.
        Assert.Equal(rotated.Str("signing_secret"), (await api.GetJson($"/api/advertisers/{advertiser.Id()}")).Str("signing_secret"));

        var text = AllText(app.DatabasePath);
        Assert.True(text.Count > 30, $"only {text.Count} text values read");
        foreach (var secret in secrets)
            Assert.DoesNotContain(text, t => t.Value.Contains(secret, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(text, t => t.Column == "data_protection_keys.xml");
    }

    [Fact]
    public async Task PlainSecretsOfAnEarlierVersionAreProtectedAtStartAndKeepWorking()
    {
        var path = TrackingApp.NewSqlitePath();
        string clickId, clickKey;
        Seeded s;
        await using (var before = new TrackingApp(path))
        {
            s = await before.OfferAsync();
            (clickId, _) = await before.Public().ClickAsync(s);
            clickKey = Convert.ToBase64String(before.Services.GetRequiredService<Secrets>().ClickIdKey);
        }
        // What a version before issue 12.4 left: the token, the secrets and the click id key in plain text, no token hash.
        const string token = "0123456789abcdef0123456789abcdef", secret = "feedface" + "00112233445566778899aabbccddeeff0011223344556677";
        Execute(path, $"UPDATE advertisers SET postback_token = '{token}', postback_token_hash = '' WHERE id = {s.AdvertiserId}",
            $"UPDATE affiliates SET signing_secret = '{secret}', previous_signing_secret = '{secret}x' WHERE id = {s.AffiliateId}",
            $"UPDATE settings SET value = '{clickKey}' WHERE key = 'click_id_key'");

        await using var after = new TrackingApp(path);
        var response = await after.Public().PostbackAsync($"click_id={clickId}&goal=purchase&order_id=L1&token={token}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = AllText(path);
        Assert.DoesNotContain(text, t => t.Value.Contains(token) || t.Value.Contains(secret) || t.Value.Contains(clickKey));
        var affiliate = await after.WithDb(async db => await db.Affiliates.FindAsync([s.AffiliateId], TestContext.Current.CancellationToken));
        Assert.Equal((secret, secret + "x"), (affiliate!.SigningSecret, affiliate.PreviousSigningSecret));
        Assert.Equal(token, (await after.Api().GetJson($"/api/advertisers/{s.AdvertiserId}")).Str("postback_token"));
    }

    /// <summary>Every text value of every column of every table, named <c>table.column</c>.</summary>
    private static List<(string Column, string Value)> AllText(string database)
    {
        var tables = Database.Rows(database, "SELECT name FROM sqlite_master WHERE type = 'table'", r => r.GetString(0));
        var values = new List<(string, string)>();
        foreach (var table in tables)
            values.AddRange(Database.Rows(database, $"SELECT * FROM \"{table}\"", r => Enumerable.Range(0, r.FieldCount)
                .Where(i => !r.IsDBNull(i) && r.GetFieldType(i) == typeof(string)).Select(i => ($"{table}.{r.GetName(i)}", r.GetString(i))).ToList())
                .SelectMany(row => row));
        return values;
    }

    private static void Execute(string database, params string[] statements)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        foreach (var sql in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            Assert.Equal(1, command.ExecuteNonQuery());
        }
    }
}
