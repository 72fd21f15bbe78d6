using Galen.Learn.Sources;

namespace Galen.Cli.Demo;

/// <summary>
/// Labelled tabular tasks an earlier demo stage produced (e.g. the synthetic hospital's mortality
/// and readmission tasks) for <see cref="TabularModelsStage"/>. An earlier stage publishes them
/// with <c>context.Set(new TabularDemoTasks([...]))</c>.
/// </summary>
/// <param name="Tasks">The tasks, each with its samples and model-card facts.</param>
/// <param name="BestAchievableAuroc">Per task name, the AUROC of the generator's true risks, when known.</param>
public sealed record TabularDemoTasks(IReadOnlyList<TrainingData> Tasks, IReadOnlyDictionary<string, double>? BestAchievableAuroc = null);
