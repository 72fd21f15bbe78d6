namespace Galen.Deep.Training.Schedules;

/// <summary>The base learning rate throughout.</summary>
public sealed record ConstantSchedule : LearningRateSchedule
{
    public override double Factor(long step, int stepsPerEpoch, long totalSteps) => 1.0;
}
