using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Tracking.Api.Ingress;
using Tracking.Domain.Common;

namespace Tracking.Api.Tests.Ingress;

/// <summary>Issue 12.6: the postback and beacon body reader over generated bodies, through a real <see cref="DefaultHttpContext"/>.</summary>
public sealed class BodyReaderProperties
{
    private const int Max = 2_048;

    /// <summary>
    /// Text without lone surrogates, what a JSON or form sender can encode; without NUL, which ASP.NET's form reader refuses
    /// (<c>%00</c>, "The form value contains invalid characters", answered <c>invalid_body</c>).
    /// </summary>
    private static readonly Gen<string> Text = Gen.String[Gen.Char['\u0001', '\ud7ff'], 0, 40];

    private static readonly Gen<Dictionary<string, string>> Fields = Gen.Dictionary(Text.Where(k => k.Length > 0), Text)[0, 12];

    [Fact]
    public Task AFlatJsonObjectReadsBackFieldForFieldOrIsTooLarge() =>
        Sampled.CheckAsync(Fields, async fields =>
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(fields);
            var body = await BodyReader.ReadJsonAsync(Request(bytes, "application/json", knownLength: bytes.Length % 2 == 0), Max);
            if (bytes.Length > Max) Assert.Equal(Reasons.BodyTooLarge, body.Problem);
            else Assert.Equal(fields.OrderBy(f => f.Key, StringComparer.Ordinal), body.Fields.Select(f => KeyValuePair.Create(f.Key, f.Value!)).OrderBy(f => f.Key, StringComparer.Ordinal));
        });

    [Fact]
    public Task AFormReadsBackFieldForField() =>
        Sampled.CheckAsync(Fields, async fields =>
        {
            var bytes = await new FormUrlEncodedContent(fields).ReadAsByteArrayAsync();
            var body = await BodyReader.ReadAsync(Request(bytes, "application/x-www-form-urlencoded", knownLength: true), 64 * 1024);
            Assert.True(body.Problem is null, body.Detail);
            Assert.Equal(fields.OrderBy(f => f.Key, StringComparer.Ordinal), body.Fields.Select(f => KeyValuePair.Create(f.Key, f.Value!)).OrderBy(f => f.Key, StringComparer.Ordinal));
        });

    private static readonly string[] Types =
        ["application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=b", "x/y"];

    /// <summary>Bytes that are mostly JSON, forms or multipart, broken anywhere: an answer with a reason, never an exception.</summary>
    private static readonly Gen<(byte[] Body, string Type)> AnyBody = Gen.Select(
        Gen.OneOf(
            Gen.Byte.Array[0, 300],
            Gen.String[Gen.Char["{}[]\":,\\u0dD8a1 .eE-+\r\n=&%--b"], 0, 120].Select(s => Encoding.UTF8.GetBytes(s)),
            Gen.Select(Fields, Gen.Int[0, 200]).Select(t => JsonSerializer.SerializeToUtf8Bytes(t.Item1) is var b ? b[..Math.Min(b.Length, t.Item2)] : [])),
        Gen.Int[0, Types.Length - 1].Select(i => Types[i]));

    [Fact]
    public Task AnyBodyIsReadOrRefusedWithAReasonAndNeverThrows() =>
        Sampled.CheckAsync(AnyBody, async t =>
        {
            var body = await BodyReader.ReadAsync(Request(t.Body, t.Type, knownLength: t.Body.Length % 3 > 0), 256);
            Assert.Contains(body.Problem, new[] { null, Reasons.InvalidBody, Reasons.BodyTooLarge });
            if (body.Problem is not null) Assert.Empty(body.Fields);
        }, iter: 3_000, print: t => $"{t.Type}: {Convert.ToHexString(t.Body)}");

    private static HttpRequest Request(byte[] body, string contentType, bool knownLength)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.ContentType = contentType;
        http.Request.Body = new MemoryStream(body);
        if (knownLength) http.Request.ContentLength = body.Length;
        return http.Request;
    }
}
