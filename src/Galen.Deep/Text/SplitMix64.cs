namespace Galen.Deep.Text;

/// <summary>
/// A small, fast generator (Steele, Lea and Flood's SplitMix64) for the many draws of one
/// training step; each step seeds one from libtorch's generator, so checkpoints that restore
/// that generator restore these draws too.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="bound"/>).</summary>
    public int Next(int bound) => (int)((Next() >> 33) * (ulong)bound >> 31);
}
