namespace Tracking.Domain.Common;

/// <summary>The two ways a conversion is reported.</summary>
public enum Method { Pixel, Postback }

public static class MethodNames
{
    /// <summary>The method as clients, explanations and metrics spell it: <c>pixel</c> or <c>postback</c>.</summary>
    public static string Name(this Method method) => method == Method.Pixel ? "pixel" : "postback";
}
