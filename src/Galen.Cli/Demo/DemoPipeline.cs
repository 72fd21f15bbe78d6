namespace Galen.Cli.Demo;

/// <summary>The stages of <c>galen demo</c>, in order. Each capability adds its stage here.</summary>
public static class DemoPipeline
{
    public static IReadOnlyList<IDemoStage> Stages() =>
    [
        new SyntheticHospitalStage(),
        new ClinicalDataStage(),
        new ClinicalModelsStage(),
        new ImagingStage(),
        new DeidStage(),
        new ServeStage(),
    ];
}
