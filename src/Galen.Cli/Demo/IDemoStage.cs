namespace Galen.Cli.Demo;

/// <summary>One step of <c>galen demo</c>. Stages run in the order <see cref="DemoPipeline"/> lists them.</summary>
public interface IDemoStage
{
    /// <summary>Heading printed before the stage runs.</summary>
    string Title { get; }

    Task RunAsync(DemoContext context, CancellationToken cancellationToken);
}
