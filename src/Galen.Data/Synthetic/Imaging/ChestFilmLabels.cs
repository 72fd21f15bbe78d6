using System.Globalization;
using System.Text;

namespace Galen.Data.Synthetic.Imaging;

/// <summary>
/// The rows of <c>labels.csv</c> that <c>galen synth images</c> writes next to the films: the
/// label and every ground-truth value of each film (docs/synthetic-hospital.md#chest-films).
/// </summary>
public static class ChestFilmLabels
{
    /// <summary>The header line.</summary>
    public const string Header =
        "file,finding,class_index,mask_file,lesion_left,lesion_top,lesion_right,lesion_bottom,lesion_area," +
        "lesion_side,lesion_contrast,lesion_radius,lesion_centre_x,lesion_centre_y,exposure_gain,exposure_gamma,noise_sd,heart_scale,shift_x,shift_y,rotation_degrees";

    /// <summary>One film's line (no line break); paths relative to the CSV, with '/' separators.</summary>
    /// <param name="film">The film.</param>
    /// <param name="file">Its image file.</param>
    /// <param name="maskFile">Its lesion-mask file, or null for a normal film.</param>
    public static string Row(ChestFilm film, string file, string? maskFile)
    {
        ArgumentNullException.ThrowIfNull(film);
        ArgumentNullException.ThrowIfNull(file);
        var t = film.Truth;
        var box = film.Lesion;
        var row = new StringBuilder();
        row.Append(file).Append(',')
            .Append(ChestFilmFindings.Name(film.Finding)).Append(',')
            .Append((int)film.Finding).Append(',')
            .Append(maskFile ?? string.Empty).Append(',')
            .Append(Whole(box?.Left)).Append(',')
            .Append(Whole(box?.Top)).Append(',')
            .Append(Whole(box?.Right)).Append(',')
            .Append(Whole(box?.Bottom)).Append(',')
            .Append(film.LesionArea.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(t.LesionSide ?? string.Empty).Append(',')
            .Append(Decimal(t.LesionContrast)).Append(',')
            .Append(Decimal(t.LesionRadius)).Append(',')
            .Append(Decimal(t.LesionCentreX)).Append(',')
            .Append(Decimal(t.LesionCentreY)).Append(',')
            .Append(Decimal(t.Gain)).Append(',')
            .Append(Decimal(t.Gamma)).Append(',')
            .Append(Decimal(t.NoiseSd)).Append(',')
            .Append(Decimal(t.HeartScale)).Append(',')
            .Append(Decimal(t.ShiftX)).Append(',')
            .Append(Decimal(t.ShiftY)).Append(',')
            .Append(Decimal(t.RotationDegrees));
        return row.ToString();
    }

    private static string Whole(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Decimal(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture) ?? string.Empty;
}
