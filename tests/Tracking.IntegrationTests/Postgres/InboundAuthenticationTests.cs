using System.Net;
using Npgsql;
using Tracking.Domain.UseCases.ReceiveConversion;
using Tracking.Infrastructure.Persistence;
using Tracking.IntegrationTests.Servers;

namespace Tracking.IntegrationTests.Postgres;

/// <summary>Issue 12.1 and 12.4 on PostgreSQL with two API processes on one database: one key ring, one replay ledger, no plain secret.</summary>
public sealed class InboundAuthenticationTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoProcessesShareTheKeyRingAndASignatureAcceptedByOneIsAReplayForTheOther()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var a = new TrackingApp(DatabaseProvider.Postgres, database.ConnectionString);
        await using var b = new TrackingApp(DatabaseProvider.Postgres, database.ConnectionString);
        await Task.WhenAll(Task.Run(a.Public), Task.Run(b.Public));
        var s = await a.OfferAsync();
        var written = await (await a.Api().PatchJson($"/api/advertisers/{s.AdvertiserId}", new { require_signature = true })).Json(HttpStatusCode.OK);
        var affiliate = await (await a.Api().PostJson("/api/affiliates", new { name = "Partner" })).Json(HttpStatusCode.Created);

        // B reads what A protected: the same key ring, from the database.
        var read = await b.Api().GetJson($"/api/advertisers/{s.AdvertiserId}");
        Assert.Equal((s.Token, written.Str("signing_secret")), (read.Str("postback_token"), read.Str("signing_secret")));

        var (clickId, _) = await a.Public().ClickAsync(s);
        var query = $"click_id={clickId}&goal=purchase&order_id=X1&token={s.Token}";
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = $"t={t},v1=" + PostbackSignature.Compute(written.Str("signing_secret"), t,
            new SignedRequest(null, "GET", "/postback", query, ReadOnlyMemory<byte>.Empty));
        Assert.Equal(HttpStatusCode.OK, (await Send(a, query, header)).StatusCode);
        var replayed = await Send(b, query, header);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Contains("replay", await replayed.Content.ReadAsStringAsync(Ct));

        string[] secrets = [s.Token, written.Str("signing_secret"), affiliate.Str("signing_secret")];
        var text = await AllTextAsync(database.ConnectionString);
        Assert.Contains(text, t => t.StartsWith("data_protection_keys.xml=", StringComparison.Ordinal));
        foreach (var secret in secrets) Assert.DoesNotContain(text, t => t.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }

    private static Task<HttpResponseMessage> Send(TrackingApp app, string query, string header)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/postback?" + query);
        request.Headers.Add("X-Tracking-Signature", header);
        return app.Public().SendAsync(request, Ct);
    }

    /// <summary>Every text value of every column of the public schema, as <c>table.column=value</c>.</summary>
    private static async Task<List<string>> AllTextAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        var columns = new List<(string Table, string Column)>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')", connection))
        await using (var reader = await list.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) columns.Add((reader.GetString(0), reader.GetString(1)));
        var values = new List<string>();
        foreach (var (table, column) in columns)
        {
            await using var select = new NpgsqlCommand($"SELECT \"{column}\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL", connection);
            await using var reader = await select.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct)) values.Add($"{table}.{column}={reader.GetString(0)}");
        }
        return values;
    }
}
