namespace Tracking.Api.Http;

/// <summary>RFC 9457 problem details with the machine-readable <c>reason</c> of SPEC 6.</summary>
public static class Problems
{
    public static IResult Reason(int status, string reason, string? detail, string? hitId = null)
    {
        var extensions = new Dictionary<string, object?> { ["reason"] = reason };
        if (hitId is not null) extensions["hit_id"] = hitId;
        return Results.Problem(detail: detail, statusCode: status, extensions: extensions);
    }
}
