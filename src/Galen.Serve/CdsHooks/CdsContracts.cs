using System.Text.Json.Serialization;

namespace Galen.Serve.CdsHooks;

// CDS Hooks 1.0/2.0 JSON shapes (https://cds-hooks.hl7.org): discovery, cards, feedback.

/// <summary>The discovery response.</summary>
public sealed record CdsDiscovery(IReadOnlyList<CdsServiceDescription> Services);

/// <summary>One CDS service.</summary>
public sealed record CdsServiceDescription(string Hook, string Id, string Title, string Description, IReadOnlyDictionary<string, string> Prefetch);

/// <summary>A service's answer.</summary>
public sealed record CdsResponse(IReadOnlyList<CdsCard> Cards);

/// <summary>A card.</summary>
public sealed record CdsCard(
    string Uuid,
    string Summary,
    string Indicator,
    CdsSource Source,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CdsLink>? Links);

/// <summary>Who says so.</summary>
public sealed record CdsSource(
    string Label,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CdsCoding? Topic);

/// <summary>A coding, as CDS Hooks uses them.</summary>
public sealed record CdsCoding(string System, string Code, string Display);

/// <summary>A link on a card.</summary>
public sealed record CdsLink(string Label, string Url, string Type);
