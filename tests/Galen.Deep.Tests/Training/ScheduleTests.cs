using Galen.Core.Errors;
using Galen.Deep.Training.Schedules;

namespace Galen.Deep.Tests.Training;

public sealed class ScheduleTests
{
    // Golden rates from PyTorch 1.13's own schedulers: bench/peers/schedules_golden.py.
    private static readonly double[] OneCycle20 = [0.0040000000000000036, 0.013167184270002533, 0.037167184270002526, 0.06683281572999747, 0.09083281572999748, 0.1, 0.09874640062350874, 0.09504846320134738, 0.089091617757105, 0.0811745653949763, 0.07169430017913009, 0.06112620219362893, 0.0500002, 0.03887419780637107, 0.028306099820869922, 0.0188258346050237, 0.010908782242895003, 0.004951936798652629, 0.0012539993764912555, 4e-07];

    private static readonly double[] OneCycle50 = [0.009999999999999995, 0.011668722069349019, 0.016551126795408017, 0.024285108555160556, 0.03429707330209815, 0.04584447941263147, 0.05807090860141019, 0.07006958254769438, 0.08095061449516902, 0.0899070080816989, 0.09627450856774539, 0.0995808675716349, 0.09995618536343798, 0.09960612933065818, 0.0989084726566536, 0.09786810890172676, 0.09649233547011817, 0.09479080242395868, 0.09277544479501731, 0.09046039886902862, 0.08786190302980523, 0.0849981838586426, 0.08188932828794705, 0.07855714270583739, 0.07502500000000001, 0.07131767561367539, 0.06746117376372468, 0.06348254503973252, 0.05940969666355696, 0.0552711967402193, 0.051096073873173685, 0.046913613549510805, 0.04275315272330755, 0.038643874037972745, 0.03461460113097138, 0.03069359645671746, 0.02690836304576292, 0.023285451590799106, 0.019850274212624378, 0.01662692621237505, 0.013638017060300503, 0.010904511806574306, 0.008445584026530534, 0.006278481331809025, 0.004418404390752082, 0.0028784003066378238, 0.0016692711016248777, 0.0007994979483282817, 0.0002751816804872567, 0.0001];

    private static readonly double[] Step12 = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05];

    [Fact]
    public void One_cycle_matches_pytorchs_OneCycleLR_with_default_settings()
    {
        var schedule = new OneCycleSchedule();

        for (int step = 0; step < 20; step++)
        {
            Assert.Equal(OneCycle20[step], 0.1 * schedule.Factor(step, 5, 20), 12);
        }
    }

    [Fact]
    public void One_cycle_matches_pytorchs_OneCycleLR_with_other_settings()
    {
        var schedule = new OneCycleSchedule(WarmupFraction: 0.25, InitialDivisor: 10, FinalDivisor: 100);

        for (int step = 0; step < 50; step++)
        {
            Assert.Equal(OneCycle50[step], 0.1 * schedule.Factor(step, 10, 50), 12);
        }
    }

    [Fact]
    public void Step_decay_matches_pytorchs_StepLR_stepped_each_epoch()
    {
        var schedule = new StepSchedule(EveryEpochs: 2, Gamma: 0.5);

        for (int step = 0; step < 12; step++)
        {
            Assert.Equal(Step12[step], 0.1 * schedule.Factor(step, 3, 12), 12);
        }
    }

    [Fact]
    public void Cosine_warms_up_linearly_peaks_then_decays_to_the_minimum()
    {
        var schedule = new CosineSchedule(WarmupFraction: 0.1, MinimumFactor: 0.05);
        var factors = Enumerable.Range(0, 100).Select(step => schedule.Factor(step, 10, 100)).ToArray();

        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0], factors[..10].Select(f => Math.Round(f, 10)));
        Assert.Equal(1.0, factors[10], 12);
        Assert.All(Enumerable.Range(11, 89), i => Assert.True(factors[i] < factors[i - 1]));
        Assert.Equal(0.05, factors[99], 12);
        Assert.Equal(0.05 + (0.95 * 0.5 * (1 + Math.Cos(Math.PI * 44 / 89))), factors[10 + 44], 12);
    }

    [Fact]
    public void A_one_cycle_without_room_to_warm_up_is_a_configuration_error()
    {
        var error = Assert.Throws<GalenConfigurationException>(() => new OneCycleSchedule(WarmupFraction: 0.3).Validate(1, 3));

        Assert.Contains("3 steps", error.Message, StringComparison.Ordinal);
    }
}
