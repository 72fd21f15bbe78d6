using System.Collections.Concurrent;

namespace Galen.Learn.Trainers;

/// <summary>
/// The preprocessed training rows of one fit, row-major, shared by all of its heads; a learner
/// can keep something it derives from them (e.g. binned columns) here so that one-per-label or
/// one-per-class heads compute it once.
/// </summary>
public sealed class PreparedRows
{
    private readonly ConcurrentDictionary<Type, Lazy<object>> _derived = new();

    internal PreparedRows(float[] values, int columns)
    {
        Array = values;
        Columns = columns;
        Rows = columns == 0 ? 0 : values.Length / columns;
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Rows × columns, row-major, after imputation (no NaN) and any scaling.</summary>
    public ReadOnlyMemory<float> Values => Array;

    internal float[] Array { get; }

    /// <summary>A value derived from the rows, made by <paramref name="make"/> the first time any head asks for a <typeparamref name="T"/>.</summary>
    public T Derived<T>(Func<PreparedRows, T> make)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(make);
        return (T)_derived.GetOrAdd(typeof(T), _ => new Lazy<object>(() => make(this))).Value;
    }
}
