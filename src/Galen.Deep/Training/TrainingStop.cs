namespace Galen.Deep.Training;

/// <summary>Why a run that finished normally stopped.</summary>
public enum TrainingStop
{
    /// <summary>It ran every epoch.</summary>
    Completed,

    /// <summary>The monitored validation metric stopped improving for the configured patience.</summary>
    EarlyStopped,
}
