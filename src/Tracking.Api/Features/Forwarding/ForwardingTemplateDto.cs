using Riok.Mapperly.Abstractions;
using Tracking.Domain.Forwarding;

namespace Tracking.Api.Features.Forwarding;

/// <summary>An affiliate postback template as SPEC 7 shows it, with why it is paused and its failures in a row.</summary>
public sealed record ForwardingTemplateDto(
    int Id, int AffiliateId, string Url, int? OfferId, string? Goal, Trigger Trigger, ForwardingMethod Method, string? ReversalUrl,
    bool Sign, TemplateState State, string? PausedReason, int ConsecutiveFailures, DateTime CreatedAt);

/// <summary>The fields of a template in a POST or PATCH body; absent fields take their default (POST) or stay (PATCH).</summary>
public sealed record ForwardingTemplateFields(
    string? Url, int? OfferId, string? Goal, string? Trigger, string? Method, string? ReversalUrl, bool? Sign, string? State);

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class ForwardingTemplateMapper
{
    public static partial ForwardingTemplateDto ToDto(this ForwardingTemplate template);

    public static partial IQueryable<ForwardingTemplateDto> ProjectToDto(this IQueryable<ForwardingTemplate> templates);
}
