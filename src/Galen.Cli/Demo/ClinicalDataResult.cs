using Galen.Cli.Learning;
using Galen.Data.Tasks;

namespace Galen.Cli.Demo;

/// <summary>What <see cref="ClinicalDataStage"/> leaves for later stages: the store and the built tasks by name.</summary>
/// <param name="StorePath">The DuckDB store file.</param>
/// <param name="Tasks">Each built task's samples, by task name (e.g. "in_hospital_mortality").</param>
/// <param name="Training">The tasks ready for training, by the short name users give (e.g. "mortality").</param>
public sealed record ClinicalDataResult(string StorePath, IReadOnlyDictionary<string, TaskDataset> Tasks, IReadOnlyDictionary<string, TaskTrainingData> Training);
