using Riok.Mapperly.Abstractions;
using Tracking.Domain.Forwarding;

namespace Tracking.Api.Features.Postbacks;

/// <summary>An affiliate postback template as SPEC 7 shows it, with why it is paused and its failures in a row.</summary>
public sealed record PostbackTemplateDto(
    int Id, int AffiliateId, string Url, int? OfferId, string? Goal, Trigger Trigger, PostbackMethod Method, string? ReversalUrl,
    bool Sign, TemplateState State, string? PausedReason, int ConsecutiveFailures, DateTime CreatedAt);

/// <summary>The fields of a template in a POST or PATCH body; absent fields take their default (POST) or stay (PATCH).</summary>
public sealed record PostbackTemplateFields(
    string? Url, int? OfferId, string? Goal, string? Trigger, string? Method, string? ReversalUrl, bool? Sign, string? State);

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class PostbackTemplateMapper
{
    public static partial PostbackTemplateDto ToDto(this PostbackTemplate template);

    public static partial IQueryable<PostbackTemplateDto> ProjectToDto(this IQueryable<PostbackTemplate> templates);
}
