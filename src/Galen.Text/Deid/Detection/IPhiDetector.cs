namespace Galen.Text.Deid.Detection;

/// <summary>Finds PHI in a text. Implementations are stateless after construction and safe to share between threads.</summary>
public interface IPhiDetector
{
    /// <summary>Appends what it finds in <paramref name="text"/> to <paramref name="findings"/> (any order, overlaps allowed).</summary>
    void Detect(string text, List<PhiFinding> findings);
}
