namespace Tracking.Api.Http;

public static class Cors
{
    /// <summary>The JavaScript pixel posts from advertisers' sites, any origin.</summary>
    public const string AnyOrigin = "pixel-any-origin";
}
