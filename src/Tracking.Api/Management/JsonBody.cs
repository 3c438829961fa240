using System.Text.Json;
using Microsoft.Extensions.Options;
using Tracking.Domain.Catalog;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Tracking.Api.Management;

/// <summary>
/// Reads a JSON body with the API's serializer options. Minimal-API binding answers a bare 400 (or throws only in
/// Development), so the management API reads bodies itself to give malformed JSON the reason <c>invalid_body</c>.
/// </summary>
public static class JsonBody
{
    public static async ValueTask<T> ReadAsync<T>(HttpRequest request) where T : class
    {
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted)
                ?? throw Invalid("The body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw Invalid($"The body is not valid JSON for this endpoint: {ex.Message}");
        }
    }

    private static DomainException Invalid(string detail) => new("invalid_body", detail);
}
