namespace Galen.Serve.Registry;

/// <summary>Where a registered model version stands in its life.</summary>
public enum ModelStage
{
    /// <summary>Registered and under review; not served to clinicians.</summary>
    Staging,

    /// <summary>The one version of a model id that the service serves.</summary>
    Production,

    /// <summary>Retired: kept for lineage and rollback, never served.</summary>
    Archived,
}
