using System.Text.Json;
using Tracking.Domain.Common;

namespace Tracking.Api.Ingress;

/// <summary>Reads a small flat form or JSON body into name/value strings, with a size cap and a reason when it cannot.</summary>
public static class BodyReader
{
    public sealed record Body(IReadOnlyDictionary<string, string?> Fields, string? Problem, string? Detail)
    {
        public static readonly Body Empty = new(new Dictionary<string, string?>(), null, null);
    }

    public static async Task<Body> ReadAsync(HttpRequest request, int maxBytes)
    {
        if (request.HasFormContentType)
        {
            if (request.ContentLength > maxBytes) return TooLarge(maxBytes);
            try
            {
                var form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { ValueLengthLimit = maxBytes, MultipartBodyLengthLimit = maxBytes });
                return new Body(form.ToDictionary(f => f.Key, f => IngressParameters.Value(f.Value)), null, null);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException and not BadHttpRequestException)
            {
                // A multipart body cut short ends in IOException("Unexpected end of Stream"), not InvalidDataException.
                return new Body(Body.Empty.Fields, Reasons.InvalidBody, ex.Message);
            }
        }
        return await ReadJsonAsync(request, maxBytes);
    }

    public static async Task<Body> ReadJsonAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes) return TooLarge(maxBytes);
        var buffer = new byte[maxBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(read), request.HttpContext.RequestAborted)) > 0) read += n;
        if (read > maxBytes) return TooLarge(maxBytes);
        if (read == 0) return Body.Empty;
        try
        {
            using var doc = JsonDocument.Parse(buffer.AsMemory(0, read));
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return new Body(Body.Empty.Fields, Reasons.InvalidBody, "the body must be a JSON object");
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                fields[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => throw new JsonException($"field '{p.Name}' must be a string or a number"),
                };
            }
            return new Body(fields, null, null);
        }
        catch (JsonException ex)
        {
            return new Body(Body.Empty.Fields, Reasons.InvalidBody, "the body is not a flat JSON object: " + ex.Message.Split('.')[0]);
        }
        catch (InvalidOperationException)
        {
            // GetString on a string escaping a lone surrogate ("\ud800") cannot give UTF-16 text.
            return new Body(Body.Empty.Fields, Reasons.InvalidBody, "the body is not UTF-8 text (a string holds an invalid escape)");
        }
    }

    private static Body TooLarge(int maxBytes) => new(Body.Empty.Fields, Reasons.BodyTooLarge, $"the body is larger than {maxBytes} bytes");
}
