using Galen.Core.Errors;
using Galen.Core.Randomness;
using Galen.Deep.Runtime;
using TorchSharp;

namespace Galen.Deep.Training;

/// <summary>
/// Puts libtorch in the state a run needs before any network is built: loaded, its thread
/// count set, its random generator seeded from the run's seed, and the device chosen.
/// </summary>
public static class TrainingEnvironment
{
    /// <summary>Name of the seed stream that seeds libtorch's generator (weights, dropout).</summary>
    public const string TorchSeedStream = "deep.torch";

    /// <summary>Loads libtorch, applies <see cref="TrainerOptions.Threads"/>, seeds it, and returns the device to train on.</summary>
    public static torch.Device Prepare(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TorchRuntime.EnsureLoaded();
        if (options.Threads is { } threads)
        {
            torch.set_num_threads(threads);
        }

        torch.manual_seed(Seeds.Derive(options.Seed, TorchSeedStream));
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
