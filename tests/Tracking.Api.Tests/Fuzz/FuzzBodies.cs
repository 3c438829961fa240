using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tracking.Api.Tests.Fuzz;

public sealed record FuzzBody(byte[] Bytes, string? ContentType, bool Chunked);

/// <summary>Request bodies: JSON after the OpenAPI schema with nasty values, broken JSON, forms, multipart, random bytes, big ones.</summary>
public static class FuzzBodies
{
    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
        "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=" + new string('b', 80), "application/xml",
        "application/json; charset=utf-16", "application/json; charset=nope", "a/b/c", "text/csv", "application/problem+json", ";;;", "*/*",
    ];

    public static FuzzBody For(FuzzRoute route, Random random, FuzzContext c, IReadOnlyList<(string Name, string Value)> formFields)
    {
        var gentle = random.Next(2) == 0;
        var names = gentle && route.Area == Area.Ingress ? FuzzRequests.Canonical : route.QueryNames.Length > 0 ? route.QueryNames : c.AllNames;
        var body = route.Body is { } schema && random.Next(2) == 0
            ? new FuzzBody(Utf8(Json(schema, random, c, gentle)), "application/json", false)
            : random.Next(10) switch
            {
                < 1 => new FuzzBody(Utf8(FlatJson(names, random, c)), Nasty.Pick(random, ["application/json", "text/plain"]), false),
                < 3 => new FuzzBody(BrokenJson(random, c), "application/json", false),
                < 5 => new FuzzBody(Form([.. formFields, .. Fields(names, random, c, gentle)], random), "application/x-www-form-urlencoded", false),
                5 => Multipart([.. formFields, .. Fields(names, random, c, gentle)], random),
                6 => new FuzzBody(RandomBytes(random, random.Next(2_000)), null, false),
                7 => new FuzzBody([], null, false),
                8 => new FuzzBody(Utf8($"{{\"offer_id\":\"{c.SandboxOfferId}\",\"x\":\"{new string('x', random.Next(8_000, 200_000))}\"}}"), "application/json", false),
                _ => new FuzzBody(Form([.. formFields, ("adv1", new string('y', random.Next(2_000, 100_000)))], random), "application/x-www-form-urlencoded", false),
            };
        if (random.Next(6) == 0) body = body with { ContentType = Nasty.Pick(random, ContentTypes) };
        return body with { Chunked = body.Bytes.Length > 0 && random.Next(6) == 0 };
    }

    public static byte[] Chunk(byte[] body, Random random)
    {
        var output = new MemoryStream();
        for (var at = 0; at < body.Length;)
        {
            var size = Math.Min(body.Length - at, random.Next(1, 4_096));
            output.Write(Encoding.ASCII.GetBytes(size.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            output.Write(body, at, size);
            output.Write("\r\n"u8);
            at += size;
        }
        output.Write("0\r\n\r\n"u8);
        return output.ToArray();
    }

    public static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var ch in s)
            sb.Append(ch switch { '"' => "\\\"", '\\' => "\\\\", < ' ' => $"\\u{(int)ch:x4}", _ => ch.ToString() });
        return sb.Append('"').ToString();
    }

    private static IEnumerable<(string, string)> Fields(string[] names, Random random, FuzzContext c, bool gentle = false) =>
        Enumerable.Range(0, random.Next(8)).Select(_ => Nasty.Pick(random, names)).Select(n => (n, FuzzValues.For(n, random, c, gentle)));

    private static string FlatJson(string[] names, Random random, FuzzContext c) =>
        "{" + string.Join(",", Fields(names, random, c).Append(("offer_id", FuzzValues.Int(random, c)))
            .Select(f => Quote(f.Item1) + ":" + (random.Next(5) == 0 ? Nasty.Pick(random, ["1", "1.5", "true", "null", "[]", "{}"]) : Quote(f.Item2)))) + "}";

    private static string Json(JsonElement schema, Random random, FuzzContext c, bool gentle)
    {
        schema = FuzzRoutes.Resolve(c.OpenApi, schema);
        if (!schema.TryGetProperty("properties", out var properties)) return "{}";
        var fields = properties.EnumerateObject().Where(_ => random.Next(5) > 0)
            .Select(p => Quote(p.Name) + ":" + Value(p.Name, FuzzRoutes.Resolve(c.OpenApi, p.Value), random, c, gentle));
        return "{" + string.Join(",", fields) + "}";
    }

    private static string Value(string name, JsonElement schema, Random random, FuzzContext c, bool gentle)
    {
        if (!gentle && random.Next(6) == 0) return Nasty.Pick(random, ["null", "1", "-1", "1e400", "true", "\"\"", "[]", "{}", "\"x\"", "[null]"]);
        var type = schema.TryGetProperty("type", out var t)
            ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).FirstOrDefault(x => x != "null") : t.GetString()
            : null;
        return type switch
        {
            "integer" when gentle && name.EndsWith("_id", StringComparison.Ordinal) => Quote(FuzzValues.For(name, random, c, gentle)),
            "integer" when name.EndsWith("_id", StringComparison.Ordinal) => FuzzValues.Int(random, c),
            "number" => Nasty.Pick(random, ["0", "1.5", "10", "0.00001", "1000000000", "99999999999999999999999999999999"]),
            "boolean" => random.Next(2) == 0 ? "true" : "false",
            "array" => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => Quote(FuzzValues.For(name, random, c)))) + "]",
            "object" => "{}",
            _ => Quote(FuzzValues.For(name, random, c, gentle)),
        };
    }

    private static byte[] BrokenJson(Random random, FuzzContext c) => random.Next(11) switch
    {
        0 => Utf8("{\"offer_id\":\"" + c.SandboxOfferId + "\",\"amount\":\"1"),
        1 => Utf8(Nasty.Pick(random, ["[1,2]", "\"str\"", "123", "null", "{", "}", "{\"a\":1,}", "{/*c*/}", "{\"a\":NaN}", "{'a':1}"])),
        2 => Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 70)) + "1" + new string('}', 70)),
        3 => Utf8("{\"offer_id\":{\"x\":1},\"click_id\":[1]}"),
        4 => Utf8("{\"click_id\":\"\\ud800\",\"goal\":\"\\udfff\\ud800\",\"adv1\":\"\\u0000\"}"),
        5 => [.. "{\"adv1\":\""u8, .. Nasty.Pick(random, Nasty.RawBytes), .. "\",\"name\":\""u8, .. Nasty.Pick(random, Nasty.RawBytes), .. "\"}"u8],
        6 => [0xef, 0xbb, 0xbf, .. Utf8("{\"offer_id\":\"" + c.SandboxOfferId + "\"}")],
        7 => Encoding.Unicode.GetBytes("{\"name\":\"x\"}"),
        8 => Utf8("{\"a\":1e999,\"b\":-1e999,\"limit\":1e2,\"id\":18446744073709551616}"),
        9 => Utf8("{\"name\":\"a\",\"name\":\"b\",\"name\":null}"),
        _ => Utf8("{\"" + new string('k', 3_000) + "\":\"v\"}"),
    };

    private static byte[] Form(IEnumerable<(string Name, string Value)> fields, Random random)
    {
        var text = string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));
        return random.Next(8) switch
        {
            0 => [.. Utf8(text + "&adv2="), .. Nasty.Pick(random, Nasty.RawBytes), .. "&%zz=%&&="u8],
            1 => Utf8(string.Join("&", Enumerable.Range(0, 1_100).Select(i => $"k{i}=v"))),
            2 => Utf8(text + "&" + new string('k', 2_100) + "=v"),
            _ => Utf8(text),
        };
    }

    private static FuzzBody Multipart(IEnumerable<(string Name, string Value)> fields, Random random)
    {
        var boundary = random.Next(4) == 0 ? Nasty.Pick(random, ["", "x y", new string('b', 75), "\"q\""]) : "fuzz" + random.Next();
        var sb = new StringBuilder();
        foreach (var (name, value) in fields)
            sb.Append($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name.Replace("\"", "", StringComparison.Ordinal)}\"\r\n\r\n{value}\r\n");
        sb.Append($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\norder_id,amount\r\no1,5\r\n");
        if (random.Next(3) > 0) sb.Append($"--{boundary}--\r\n");
        return new FuzzBody(Utf8(sb.ToString()), $"multipart/form-data; boundary={boundary}", false);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
