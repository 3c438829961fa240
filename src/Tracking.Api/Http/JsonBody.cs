using System.Text.Json;
using Microsoft.Extensions.Options;
using Tracking.Domain.Catalog;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Tracking.Api.Http;

/// <summary>
/// Reads a JSON body with the API's serializer options. Minimal-API binding answers a bare 400 (or throws only in
/// Development), so every write endpoint of the management API reads its body here: a body that is not JSON, not an
/// object, or has a field of the wrong type is <c>400 invalid_body</c>, and the detail names the field at fault. A field
/// of the right type with a value the rules refuse gets its own <c>invalid_&lt;field&gt;</c> from the use case.
/// </summary>
public static class JsonBody
{
    public const string Invalid = "invalid_body";

    public static async ValueTask<T> ReadAsync<T>(HttpRequest request) where T : class
    {
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            throw new DomainException(Invalid, $"The body is not valid JSON: {Sentence(ex)}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new DomainException(Invalid, $"The body must be a JSON object, not {Kind(document.RootElement.ValueKind)}.");
            try
            {
                return document.RootElement.Deserialize<T>(options) ?? throw new DomainException(Invalid, "The body must be a JSON object.");
            }
            catch (JsonException ex)
            {
                var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
                throw new DomainException(Invalid, field is null
                    ? $"The body does not fit this endpoint: {Sentence(ex)}"
                    : $"The field '{field}' has the wrong type: {Sentence(ex)}");
            }
        }
    }

    /// <summary>The exception's first sentence, without the reader's line and byte positions.</summary>
    private static string Sentence(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).Trim();
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
