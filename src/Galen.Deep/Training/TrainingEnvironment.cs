using Galen.Core.Errors;
using Galen.Core.Randomness;
using Galen.Deep.Runtime;
using TorchSharp;

namespace Galen.Deep.Training;

/// <summary>
/// Puts libtorch in the state a run needs before any network is built: loaded, its thread
/// count set, its random generators seeded from the run's seed, deterministic algorithms on or
/// off, and the device chosen. libtorch's thread count, generators and deterministic mode are
/// process-wide: they stay as the last prepared run left them.
/// </summary>
public static class TrainingEnvironment
{
    private static readonly Lock Gate = new();

    // The thread count in force before a deterministic run set it to 1, restored by the next
    // run that is not deterministic (null: no deterministic run is in force).
    private static int? _threadsBeforeDeterministic;

    /// <summary>Name of the seed stream that seeds libtorch's generator (weights, dropout).</summary>
    public const string TorchSeedStream = "deep.torch";

    /// <summary>
    /// Whether libtorch now runs deterministic algorithms only (a <see cref="TrainerOptions.Deterministic"/>
    /// run turned them on); null where this platform's libtorch does not export the switch.
    /// </summary>
    public static bool? DeterministicAlgorithmsEnabled
    {
        get
        {
            TorchRuntime.EnsureLoaded();
            return DeterministicAlgorithms.Enabled();
        }
    }

    /// <summary>
    /// Loads libtorch, applies <see cref="TrainerOptions.Threads"/> (or, for a deterministic run,
    /// one thread and deterministic algorithms only; the next run that is not deterministic
    /// turns them off and restores the thread count from before), seeds the CPU and CUDA
    /// generators, and returns the device to train on.
    /// </summary>
    public static torch.Device Prepare(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TorchRuntime.EnsureLoaded();
        lock (Gate)
        {
            if (options.Deterministic)
            {
                _threadsBeforeDeterministic ??= torch.get_num_threads();
                torch.set_num_threads(1);
                if (!DeterministicAlgorithms.TrySet(true) && ResolveDevice(options.Device).type != DeviceType.CPU)
                {
                    throw new GalenConfigurationException(
                        "A deterministic run on a GPU needs libtorch's deterministic-algorithms switch, which this platform's libtorch does not export to Galen.",
                        "Train on the CPU (one thread is deterministic there), or turn Deterministic off.");
                }
            }
            else
            {
                if (_threadsBeforeDeterministic is { } before)
                {
                    DeterministicAlgorithms.TrySet(false);
                    torch.set_num_threads(before);
                    _threadsBeforeDeterministic = null;
                }

                if (options.Threads is { } threads)
                {
                    torch.set_num_threads(threads);
                }
            }
        }

        long seed = Seeds.Derive(options.Seed, TorchSeedStream);
        torch.manual_seed(seed);
        if (torch.cuda.is_available())
        {
            torch.cuda.manual_seed_all(seed);
        }

        return ResolveDevice(options.Device);
    }

    /// <summary>
    /// The device named by <paramref name="name"/>: <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>, or
    /// <c>auto</c>. Asking for CUDA where libtorch has none is a configuration error.
    /// </summary>
    public static torch.Device ResolveDevice(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string device = name.Trim().ToLowerInvariant();
        if (device == "cpu")
        {
            return torch.CPU;
        }

        if (device == "auto")
        {
            return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        }

        if (device == "cuda" || device.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
            {
                throw new GalenConfigurationException(
                    $"Device '{name}' was requested but libtorch sees no CUDA device.",
                    "Use --device cpu (or auto), or install a CUDA build of TorchSharp (TorchSharp-cuda-*) on a machine with an NVIDIA GPU.");
            }

            return torch.device(device);
        }

        throw new GalenConfigurationException($"Unknown device '{name}'.", "Use cpu, cuda, cuda:N or auto.");
    }
}
