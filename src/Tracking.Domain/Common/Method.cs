namespace Tracking.Domain.Common;

/// <summary>The two ways a conversion is reported.</summary>
public enum Method { Pixel, Postback }
