using System.Text.Json.Serialization;

namespace Galen.Deep.Training.Schedules;

/// <summary>
/// How the learning rate changes over training, as a factor of the optimiser's base rate at
/// each step. A pure function of the step, so a resumed run continues on the same curve.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ConstantSchedule), "constant")]
[JsonDerivedType(typeof(StepSchedule), "step")]
[JsonDerivedType(typeof(CosineSchedule), "cosine")]
[JsonDerivedType(typeof(OneCycleSchedule), "one-cycle")]
public abstract record LearningRateSchedule
{
    /// <summary>The factor applied to the base learning rate at <paramref name="step"/> (0-based).</summary>
    /// <param name="step">Optimisation steps taken before this one.</param>
    /// <param name="stepsPerEpoch">Steps in one epoch.</param>
    /// <param name="totalSteps">Steps in the whole run.</param>
    public abstract double Factor(long step, int stepsPerEpoch, long totalSteps);

    /// <summary>Throws a <see cref="Core.Errors.GalenConfigurationException"/> when the schedule cannot work for this run.</summary>
    public virtual void Validate(int stepsPerEpoch, long totalSteps)
    {
    }
}
