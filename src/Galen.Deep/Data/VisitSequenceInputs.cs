using Galen.Core.Clinical;
using Galen.Core.Errors;
using Galen.Core.Learning;

namespace Galen.Deep.Data;

/// <summary>
/// Samples that are each a patient's visits in time order, every visit a set of clinical codes
/// (diagnoses, procedures, drugs), optionally with each visit's time in days since the sample's
/// first visit. The inputs of the visit-sequence models (GRU, LSTM, Transformer, RETAIN).
/// </summary>
/// <remarks>
/// Stored compactly: each distinct code once in <see cref="CodeTable"/>, visits as runs of
/// indices into it. Until the data layer's sequence samples (Galen.Core/Learning/Sequences)
/// arrive, this is Galen.Deep's own input type; <see cref="Builder"/> is the one place that
/// turns another representation into it.
/// </remarks>
public sealed class VisitSequenceInputs : IInputs<VisitSequenceInputs>
{
    // Sample s owns visits [_visitStart[s], _visitStart[s + 1]); visit v owns entries
    // [_codeStart[v], _codeStart[v + 1]) of _codeIds, which index CodeTable.
    private readonly int[] _visitStart;
    private readonly int[] _codeStart;
    private readonly int[] _codeIds;
    private readonly float[]? _visitDays;

    private VisitSequenceInputs(IReadOnlyList<ClinicalCode> codeTable, int[] visitStart, int[] codeStart, int[] codeIds, float[]? visitDays)
    {
        CodeTable = codeTable;
        _visitStart = visitStart;
        _codeStart = codeStart;
        _codeIds = codeIds;
        _visitDays = visitDays;
    }

    /// <summary>Every distinct code these samples mention, indexed by <see cref="CodeIds"/>.</summary>
    public IReadOnlyList<ClinicalCode> CodeTable { get; }

    /// <summary>Samples held.</summary>
    public int Count => _visitStart.Length - 1;

    /// <summary>Visits held, over all samples.</summary>
    public int TotalVisits => _codeStart.Length - 1;

    /// <summary>True when every visit carries its time.</summary>
    public bool HasVisitTimes => _visitDays is not null;

    /// <summary>Visits of one sample.</summary>
    public int VisitCount(int sample) => _visitStart[sample + 1] - _visitStart[sample];

    /// <summary>The codes of one visit as indices into <see cref="CodeTable"/>.</summary>
    public ReadOnlySpan<int> CodeIds(int sample, int visit)
    {
        int v = VisitIndex(sample, visit);
        return _codeIds.AsSpan(_codeStart[v], _codeStart[v + 1] - _codeStart[v]);
    }

    /// <summary>The codes of one visit.</summary>
    public IEnumerable<ClinicalCode> Codes(int sample, int visit)
    {
        var ids = CodeIds(sample, visit).ToArray();
        return ids.Select(id => CodeTable[id]);
    }

    /// <summary>Days from the sample's first visit to this one, or 0 when times are not held.</summary>
    public float VisitDays(int sample, int visit) => _visitDays is null ? 0f : _visitDays[VisitIndex(sample, visit)];

    /// <summary>The given samples, in the given order, sharing this code table.</summary>
    public VisitSequenceInputs Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int visits = 0;
        int codes = 0;
        foreach (int row in rows)
        {
            visits += VisitCount(row);
            codes += _codeStart[_visitStart[row + 1]] - _codeStart[_visitStart[row]];
        }

        var visitStart = new int[rows.Count + 1];
        var codeStart = new int[visits + 1];
        var codeIds = new int[codes];
        var visitDays = _visitDays is null ? null : new float[visits];
        int visitAt = 0;
        int codeAt = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            int row = rows[i];
            visitStart[i] = visitAt;
            for (int v = _visitStart[row]; v < _visitStart[row + 1]; v++)
            {
                codeStart[visitAt] = codeAt;
                int length = _codeStart[v + 1] - _codeStart[v];
                Array.Copy(_codeIds, _codeStart[v], codeIds, codeAt, length);
                codeAt += length;
                if (visitDays is not null)
                {
                    visitDays[visitAt] = _visitDays![v];
                }

                visitAt++;
            }
        }

        visitStart[rows.Count] = visitAt;
        codeStart[visits] = codeAt;
        return new VisitSequenceInputs(CodeTable, visitStart, codeStart, codeIds, visitDays);
    }

    private int VisitIndex(int sample, int visit)
    {
        if ((uint)visit >= (uint)VisitCount(sample))
        {
            throw new ArgumentOutOfRangeException(nameof(visit), $"sample {sample} has {VisitCount(sample)} visits; visit {visit} does not exist.");
        }

        return _visitStart[sample] + visit;
    }

    /// <summary>
    /// Collects samples visit by visit. Either every visit gets a time or none does.
    /// </summary>
    public sealed class Builder
    {
        private readonly Dictionary<ClinicalCode, int> _ids = [];
        private readonly List<ClinicalCode> _table = [];
        private readonly List<int> _visitStart = [0];
        private readonly List<int> _codeStart = [0];
        private readonly List<int> _codeIds = [];
        private readonly List<float> _visitDays = [];
        private bool? _timed;
        private bool _open;

        /// <summary>Starts the next sample; its visits follow with <see cref="AddVisit"/>.</summary>
        public Builder StartSample()
        {
            if (_open)
            {
                _visitStart.Add(_codeStart.Count - 1);
            }

            _open = true;
            return this;
        }

        /// <summary>Adds a visit to the current sample, after its earlier visits.</summary>
        /// <param name="codes">The visit's codes; duplicates are kept once.</param>
        /// <param name="daysFromFirstVisit">The visit's time, when the samples carry times.</param>
        public Builder AddVisit(IEnumerable<ClinicalCode> codes, double? daysFromFirstVisit = null)
        {
            ArgumentNullException.ThrowIfNull(codes);
            if (!_open)
            {
                throw new InvalidOperationException("Call StartSample before adding visits.");
            }

            bool timed = daysFromFirstVisit is not null;
            if (_timed is { } expected && expected != timed)
            {
                throw new GalenInputException(
                    "Some visits carry a time and others do not.",
                    new SourceLocation("visit sequences", _codeStart.Count, "days_from_first_visit", timed ? "a time" : "no time"),
                    "Give every visit a time, or none.");
            }

            _timed = timed;
            if (daysFromFirstVisit is { } days)
            {
                if (!double.IsFinite(days) || days < 0)
                {
                    throw new GalenInputException(
                        "A visit's time must be a finite number of days at or after the sample's first visit.",
                        new SourceLocation("visit sequences", _codeStart.Count, "days_from_first_visit", days.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                _visitDays.Add((float)days);
            }

            var seen = new HashSet<int>();
            foreach (var code in codes)
            {
                if (!_ids.TryGetValue(code, out int id))
                {
                    id = _table.Count;
                    _ids[code] = id;
                    _table.Add(code);
                }

                if (seen.Add(id))
                {
                    _codeIds.Add(id);
                }
            }

            _codeStart.Add(_codeIds.Count);
            return this;
        }

        /// <summary>Adds a whole sample: its visits' code sets in time order.</summary>
        public Builder AddSample(IEnumerable<IEnumerable<ClinicalCode>> visits, IEnumerable<double>? daysFromFirstVisit = null)
        {
            ArgumentNullException.ThrowIfNull(visits);
            StartSample();
            using var times = daysFromFirstVisit?.GetEnumerator();
            foreach (var visit in visits)
            {
                double? day = null;
                if (times is not null)
                {
                    day = times.MoveNext() ? times.Current : throw new ArgumentException("Fewer visit times than visits.", nameof(daysFromFirstVisit));
                }

                AddVisit(visit, day);
            }

            return this;
        }

        /// <summary>The samples added so far.</summary>
        public VisitSequenceInputs Build()
        {
            var visitStart = new List<int>(_visitStart);
            if (_open)
            {
                visitStart.Add(_codeStart.Count - 1);
            }

            return new VisitSequenceInputs(
                _table.ToArray(),
                visitStart.ToArray(),
                _codeStart.ToArray(),
                _codeIds.ToArray(),
                _timed == true ? _visitDays.ToArray() : null);
        }
    }
}
