using Spectre.Console;

namespace Galen.Cli.Demo;

/// <summary>
/// What the demo's stages share: the console, the options, a working folder, and the results
/// of earlier stages, stored by type so each stage declares its own result record in its own
/// file and later stages ask for it.
/// </summary>
public sealed class DemoContext(IAnsiConsole console, DemoOptions options, string workDirectory)
{
    private readonly Dictionary<Type, object> _results = [];

    public IAnsiConsole Console { get; } = console;

    public DemoOptions Options { get; } = options;

    /// <summary>Folder for everything the demo writes (data, store, models, reports).</summary>
    public string WorkDirectory { get; } = workDirectory;

    /// <summary>Records a stage's result for later stages.</summary>
    public void Set<T>(T result)
        where T : class => _results[typeof(T)] = result;

    /// <summary>A result an earlier stage recorded; throws if that stage did not run.</summary>
    public T Get<T>()
        where T : class =>
        _results.TryGetValue(typeof(T), out var value)
            ? (T)value
            : throw new InvalidOperationException($"Demo stage order is wrong: no {typeof(T).Name} has been produced yet.");

    /// <summary>A result an earlier stage recorded, or null.</summary>
    public T? Find<T>()
        where T : class => _results.TryGetValue(typeof(T), out var value) ? (T)value : null;
}

/// <summary>The demo's options, parsed once. <paramref name="Serve"/>: end by serving the demo's models.</summary>
public sealed record DemoOptions(int Patients, int Seed, int Epochs, bool Serve = false);
