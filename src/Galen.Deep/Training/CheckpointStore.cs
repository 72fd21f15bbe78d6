using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Galen.Core.Errors;
using Galen.Deep.Persistence;
using TorchSharp;
using TorchSharp.Modules;

namespace Galen.Deep.Training;

/// <summary>
/// Checkpoints of a run in one folder, one zip file each (<c>last.ckpt</c>, <c>best.ckpt</c>):
/// the procedure's module weights, optimiser states, libtorch's random-generator state and the
/// <see cref="TrainingState"/>. Written to a temporary file and moved into place, so a crash
/// never leaves a half-written checkpoint.
/// </summary>
public sealed class CheckpointStore
{
    /// <summary>Checkpoint written at the end of every epoch and where a cancelled run stopped.</summary>
    public const string Last = "last";

    /// <summary>Checkpoint of the epoch with the best monitored validation metric.</summary>
    public const string Best = "best";

    private const string StateEntry = "state.json";
    private const string RngEntry = "rng.bin";

    public CheckpointStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The folder holding the checkpoints.</summary>
    public string Directory { get; }

    /// <summary>The file of a named checkpoint.</summary>
    public string PathOf(string name) => Path.Combine(Directory, name + ".ckpt");

    public bool Exists(string name) => File.Exists(PathOf(name));

    /// <summary>Writes the procedure's weights (and, unless <paramref name="weightsOnly"/>, optimiser and RNG state) with <paramref name="state"/>.</summary>
    public void Save(string name, ITrainingProcedure procedure, TrainingState state, bool weightsOnly = false)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(state);
        string path = PathOf(name);
        string temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            WriteEntry(zip, StateEntry, stream => stream.Write(Encoding.UTF8.GetBytes(DeepJson.Write(state))));
            foreach (var module in procedure.Modules)
            {
                WriteEntry(zip, ModuleEntry(module.Name), stream => module.Module.save(stream));
            }

            if (!weightsOnly)
            {
                foreach (var optimizer in procedure.Optimizers)
                {
                    WriteEntry(zip, OptimizerEntry(optimizer.Name), stream =>
                    {
                        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
                        AsSavable(optimizer).save_state_dict(writer);
                    });
                }

                WriteEntry(zip, RngEntry, stream =>
                {
                    using var rng = torch.random.get_rng_state();
                    stream.Write(rng.data<byte>().ToArray());
                });
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The saved <see cref="TrainingState"/> alone, to check it before restoring anything.</summary>
    public TrainingState ReadState(string name)
    {
        string path = PathOf(name);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return DeepJson.Read<TrainingState>(ReadText(zip, StateEntry));
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException)
        {
            throw Unreadable(path, e);
        }
    }

    /// <summary>
    /// Restores the procedure's weights from a checkpoint, and, unless
    /// <paramref name="weightsOnly"/>, its optimisers and libtorch's random generator; returns
    /// the saved state.
    /// </summary>
    public TrainingState Load(string name, ITrainingProcedure procedure, bool weightsOnly = false)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        string path = PathOf(name);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var state = DeepJson.Read<TrainingState>(ReadText(zip, StateEntry));
            foreach (var module in procedure.Modules)
            {
                using var stream = OpenEntry(zip, ModuleEntry(module.Name));
                module.Module.load(stream, strict: true);
            }

            if (!weightsOnly)
            {
                foreach (var optimizer in procedure.Optimizers)
                {
                    using var stream = OpenEntry(zip, OptimizerEntry(optimizer.Name));
                    using var reader = new BinaryReader(stream);
                    AsSavable(optimizer).load_state_dict(reader);
                }

                using var rngStream = OpenEntry(zip, RngEntry);
                using var buffer = new MemoryStream();
                rngStream.CopyTo(buffer);
                using var rng = torch.tensor(buffer.ToArray(), dtype: torch.ScalarType.Byte);
                torch.random.set_rng_state(rng);
            }

            return state;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or ArgumentException or IOException or InvalidOperationException)
        {
            throw Unreadable(path, e);
        }
    }

    private static GalenInputException Unreadable(string path, Exception e) => new(
        "The checkpoint cannot be read: " + e.Message,
        new SourceLocation(path),
        "Delete it to start afresh, or point to the folder of the run that wrote it.",
        e);

    private static OptimizerHelper AsSavable(ScheduledOptimizer optimizer) =>
        optimizer.Optimizer as OptimizerHelper
        ?? throw new GalenConfigurationException($"Optimiser '{optimizer.Name}' ({optimizer.Optimizer.GetType().Name}) cannot save its state, so it cannot be checkpointed.");

    private static string ModuleEntry(string name) => "modules/" + name + ".bin";

    private static string OptimizerEntry(string name) => "optimizers/" + name + ".bin";

    private static void WriteEntry(ZipArchive zip, string name, Action<Stream> write)
    {
        // Weights barely compress; storing them keeps checkpoints fast.
        var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        using var stream = entry.Open();
        write(stream);
    }

    private static Stream OpenEntry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"it has no '{name}' entry; it was written for a different model.");

        // TorchSharp's readers seek; zip entry streams cannot.
        var buffer = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(buffer);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static string ReadText(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(OpenEntry(zip, name), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
