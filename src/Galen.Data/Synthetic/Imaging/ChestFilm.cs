namespace Galen.Data.Synthetic.Imaging;

/// <summary>
/// One synthetic chest film: a square grayscale image with its label and the ground truth of
/// where the lesion was drawn.
/// </summary>
/// <param name="Index">Position in the generated series; with the seed it decides every pixel.</param>
/// <param name="Size">Width and height in pixels.</param>
/// <param name="Pixels">Size × Size intensities in [0, 1], row by row from the top left (0 black, 1 white).</param>
/// <param name="Finding">The label.</param>
/// <param name="LesionMask">Size × Size, true where the lesion's opacity is at least half its peak (inside the lungs); all false for a normal film.</param>
/// <param name="Lesion">The smallest box holding the mask, or null when the mask is empty.</param>
/// <param name="Truth">Every drawn parameter.</param>
public sealed record ChestFilm(int Index, int Size, float[] Pixels, ChestFilmFinding Finding, bool[] LesionMask, LesionBox? Lesion, ChestFilmTruth Truth)
{
    /// <summary>Pixels inside the lesion mask.</summary>
    public int LesionArea => LesionMask.Count(inside => inside);
}
