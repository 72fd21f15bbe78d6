using Galen.Data.Synthetic.Generation;

namespace Galen.Data.Synthetic.Imaging;

/// <summary>
/// One patient's chest as a function of position: tissue attenuation from body, lungs, heart,
/// spine, ribs, clavicles and the lesion, in anatomy coordinates (u across, v down, both in
/// [0, 1]). <see cref="Render"/> places the patient on the film (shift, scale, rotation),
/// applies the exposure, blurs, adds noise and records the lesion's mask.
/// </summary>
internal sealed class ChestScene
{
    private const double BodyAttenuation = 0.6;
    private const double AirAttenuation = 0.42;
    private const double HeartExtra = 0.05;
    private const double SpineAttenuation = 0.12;
    private const double RibAttenuation = 0.09;
    private const double ClavicleAttenuation = 0.14;
    private const int Ribs = 9;

    private readonly Lobe[] _lungs = new Lobe[2];
    private Lobe _body;
    private Lobe _heart;
    private Lobe _aorta;
    private double _habitus;
    private double _ribStart;
    private double _ribSpacing;
    private double _gain;
    private double _offset;
    private double _gamma;
    private double _noise;
    private double _shiftX;
    private double _shiftY;
    private double _scale;
    private double _rotation;
    private double _heartScale;
    private ChestFilmFinding _finding;
    private double _contrast;
    private double _radius;
    private int _side;
    private double _centreU;
    private double _centreV;
    private (double U, double V, double Sigma)[] _blobs = [];

    private ChestScene()
    {
    }

    /// <summary>Draws a patient, the acquisition and, for a finding, the lesion; always in the same order.</summary>
    public static ChestScene Draw(Random rng, ChestFilmFinding finding)
    {
        var scene = new ChestScene { _finding = finding };
        scene._habitus = rng.Uniform(0.9, 1.1);
        double w = scene._habitus;
        scene._body = new Lobe(0.5, 0.64, 0.47 * w, 0.62, Power: 3);
        double lungHeight = rng.Uniform(0.27, 0.31);
        double lungWidth = 0.13 * w * rng.Uniform(0.95, 1.05);
        double lungCentre = 0.185 * w;
        scene._lungs[0] = new Lobe(0.5 - lungCentre, 0.465, lungWidth * 1.03, lungHeight);
        scene._lungs[1] = new Lobe(0.5 + lungCentre, 0.475, lungWidth, lungHeight);
        double normalHeart = rng.Uniform(0.88, 1.12);
        double enlargedHeart = rng.Uniform(1.08, 1.32);
        scene._heartScale = finding == ChestFilmFinding.Oedema ? enlargedHeart : normalHeart;
        scene._heart = new Lobe(0.555, 0.655, 0.15 * scene._heartScale * w, 0.115 * scene._heartScale);
        scene._aorta = new Lobe(0.555, 0.30, 0.035, 0.03);
        scene._ribStart = rng.Uniform(0.17, 0.21);
        scene._ribSpacing = rng.Uniform(0.058, 0.066);
        scene._gain = rng.Uniform(0.8, 1.2);
        scene._offset = rng.Uniform(-0.06, 0.06);
        scene._gamma = rng.Uniform(0.8, 1.25);
        scene._noise = rng.Uniform(0.01, 0.04);
        scene._shiftX = rng.Uniform(-0.03, 0.03);
        scene._shiftY = rng.Uniform(-0.03, 0.03);
        scene._scale = rng.Uniform(0.93, 1.07);
        scene._rotation = rng.Uniform(-4, 4) * Math.PI / 180;

        // The lesion's draws come last and from a copy of the stream, so a film of the same
        // patient without disease is the same film except for the lesion.
        var lesion = new Random(rng.Next());
        switch (finding)
        {
            case ChestFilmFinding.Pneumonia:
                scene.DrawConsolidation(lesion);
                break;
            case ChestFilmFinding.Oedema:
                scene._contrast = lesion.Uniform(0.06, 0.18);
                scene._radius = lesion.Uniform(0.09, 0.14);
                scene._centreU = 0.5;
                scene._centreV = 0.5;
                break;
        }

        return scene;
    }

    private void DrawConsolidation(Random rng)
    {
        _contrast = rng.Uniform(0.07, 0.28);
        _radius = rng.Uniform(0.045, 0.10);
        _side = rng.Next(2);
        var lung = _lungs[_side];
        for (int attempt = 0; ; attempt++)
        {
            double angle = rng.Uniform(0, 2 * Math.PI);
            double reach = Math.Sqrt(rng.NextDouble()) * 0.7;
            _centreU = lung.U + (reach * Math.Cos(angle) * lung.A);
            _centreV = lung.V + (reach * Math.Sin(angle) * lung.B);

            // Not hidden behind the heart; after many tries any point of the lung will do.
            if (_heart.Inside(_centreU, _centreV, 0.02) < 0.05 || attempt > 50)
            {
                break;
            }
        }

        _blobs = new (double, double, double)[3];
        for (int j = 0; j < _blobs.Length; j++)
        {
            double angle = rng.Uniform(0, 2 * Math.PI);
            double reach = rng.NextDouble() * 0.6 * _radius;
            _blobs[j] = (_centreU + (reach * Math.Cos(angle)), _centreV + (reach * Math.Sin(angle)), _radius * rng.Uniform(0.55, 0.85));
        }
    }

    /// <summary>Renders the film: placement, attenuation, exposure, blur, noise (drawn from <paramref name="rng"/>), and the lesion mask.</summary>
    public ChestFilm Render(int index, int size, Random rng)
    {
        int pixels = size * size;
        var image = new float[pixels];
        var mask = new bool[pixels];
        double edge = 1.0 / size;
        double cos = Math.Cos(_rotation);
        double sin = Math.Sin(_rotation);
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                // Film position → anatomy position: undo shift, rotation and scale about the centre.
                double px = ((x + 0.5) / size) - 0.5 - _shiftX;
                double py = ((y + 0.5) / size) - 0.5 - _shiftY;
                double u = 0.5 + (((cos * px) + (sin * py)) / _scale);
                double v = 0.5 + (((-sin * px) + (cos * py)) / _scale);
                double attenuation = Attenuation(u, v, edge, out double lesion);
                double shown = 0.5 + (_gain * (attenuation - 0.5)) + _offset;
                image[(y * size) + x] = (float)Math.Pow(Math.Clamp(shown, 0, 1), _gamma);
                mask[(y * size) + x] = lesion >= 0.5;
            }
        }

        Blur(image, size, 0.6 * size / 64.0);
        for (int i = 0; i < pixels; i++)
        {
            image[i] = (float)Math.Clamp(image[i] + (_noise * rng.Normal()), 0, 1);
        }

        return new ChestFilm(index, size, image, _finding, mask, Box(mask, size), Truth(size));
    }

    /// <summary>Tissue attenuation at (u, v); <paramref name="lesion"/> is the lesion's share of its peak opacity there (0 outside it).</summary>
    private double Attenuation(double u, double v, double edge, out double lesion)
    {
        double body = _body.Inside(u, v, edge);
        double heart = _heart.Inside(u, v, edge);
        double lung = Math.Max(_lungs[0].Inside(u, v, edge), _lungs[1].Inside(u, v, edge)) * (1 - heart) * (1 - _aorta.Inside(u, v, edge));
        double a = (BodyAttenuation * body) - (AirAttenuation * lung) + (HeartExtra * heart);
        double fromSpine = Math.Abs(u - 0.5);
        a += SpineAttenuation * body * Band(fromSpine, 0, 0.03 * _habitus, edge);
        a += body * (RibShadows(u, v, edge) + Clavicles(u, v, edge));

        lesion = 0;
        if (_finding == ChestFilmFinding.Pneumonia)
        {
            double f = 0;
            foreach (var (bu, bv, sigma) in _blobs)
            {
                double d2 = ((u - bu) * (u - bu)) + ((v - bv) * (v - bv));
                f += Math.Exp(-d2 / (2 * sigma * sigma));
            }

            lesion = Math.Min(1, f) * lung;
        }
        else if (_finding == ChestFilmFinding.Oedema)
        {
            double hx = 0.11 * _habitus;
            double left = ((u - (0.5 - hx)) * (u - (0.5 - hx))) + ((v - _centreV) * (v - _centreV));
            double right = ((u - (0.5 + hx)) * (u - (0.5 + hx))) + ((v - _centreV) * (v - _centreV));
            double s2 = 2 * _radius * _radius;
            lesion = Math.Min(1, Math.Exp(-left / s2) + Math.Exp(-right / s2)) * lung;
        }

        return a + (_contrast * lesion);
    }

    /// <summary>Posterior ribs: arcs from the spine sloping down and out, both sides.</summary>
    private double RibShadows(double u, double v, double edge)
    {
        double d = Math.Abs(u - 0.5);
        if (d < 0.03 || d > 0.37 * _habitus)
        {
            return 0;
        }

        double lateral = (d - 0.03) / _habitus;
        double sum = 0;
        for (int k = 0; k < Ribs; k++)
        {
            double centre = _ribStart + (k * _ribSpacing) + (0.28 * lateral) - (0.35 * lateral * lateral);
            sum += Band(Math.Abs(v - centre), 0, 0.012, edge);
        }

        return RibAttenuation * Math.Min(1, sum);
    }

    private double Clavicles(double u, double v, double edge)
    {
        double sum = 0;
        foreach (int side in new[] { -1, 1 })
        {
            double distance = SegmentDistance(u, v, 0.5 + (side * 0.04), 0.165, 0.5 + (side * 0.29 * _habitus), 0.125);
            sum += Band(distance, 0, 0.013, edge);
        }

        return ClavicleAttenuation * Math.Min(1, sum);
    }

    /// <summary>1 within <paramref name="halfWidth"/> of <paramref name="centre"/>, 0 beyond, smooth over about a pixel.</summary>
    private static double Band(double value, double centre, double halfWidth, double edge) =>
        Smooth((halfWidth - Math.Abs(value - centre)) / edge);

    /// <summary>0 below −1, 1 above 1, a smoothstep between.</summary>
    private static double Smooth(double t)
    {
        double x = Math.Clamp((t + 1) / 2, 0, 1);
        return x * x * (3 - (2 * x));
    }

    private static double SegmentDistance(double u, double v, double u0, double v0, double u1, double v1)
    {
        double du = u1 - u0;
        double dv = v1 - v0;
        double t = Math.Clamp((((u - u0) * du) + ((v - v0) * dv)) / ((du * du) + (dv * dv)), 0, 1);
        double eu = u - (u0 + (t * du));
        double ev = v - (v0 + (t * dv));
        return Math.Sqrt((eu * eu) + (ev * ev));
    }

    /// <summary>Separable Gaussian blur in place, edges clamped.</summary>
    private static void Blur(float[] image, int size, double sigma)
    {
        int radius = Math.Max(1, (int)Math.Ceiling(2.5 * sigma));
        var kernel = new double[(2 * radius) + 1];
        double total = 0;
        for (int k = -radius; k <= radius; k++)
        {
            kernel[k + radius] = Math.Exp(-(k * k) / (2 * sigma * sigma));
            total += kernel[k + radius];
        }

        for (int k = 0; k < kernel.Length; k++)
        {
            kernel[k] /= total;
        }

        var temporary = new float[image.Length];
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double sum = 0;
                for (int k = -radius; k <= radius; k++)
                {
                    sum += kernel[k + radius] * image[(y * size) + Math.Clamp(x + k, 0, size - 1)];
                }

                temporary[(y * size) + x] = (float)sum;
            }
        }

        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double sum = 0;
                for (int k = -radius; k <= radius; k++)
                {
                    sum += kernel[k + radius] * temporary[(Math.Clamp(y + k, 0, size - 1) * size) + x];
                }

                image[(y * size) + x] = (float)sum;
            }
        }
    }

    private static LesionBox? Box(bool[] mask, int size)
    {
        int left = size, top = size, right = -1, bottom = -1;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                if (mask[(y * size) + x])
                {
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y);
                }
            }
        }

        return right < 0 ? null : new LesionBox(left, top, right + 1, bottom + 1);
    }

    private ChestFilmTruth Truth(int size)
    {
        bool hasLesion = _finding != ChestFilmFinding.Normal;

        // The lesion's centre on the film: anatomy → film, the inverse of Render's mapping.
        double cu = (_centreU - 0.5) * _scale;
        double cv = (_centreV - 0.5) * _scale;
        double fx = ((Math.Cos(_rotation) * cu) - (Math.Sin(_rotation) * cv)) + 0.5 + _shiftX;
        double fy = ((Math.Sin(_rotation) * cu) + (Math.Cos(_rotation) * cv)) + 0.5 + _shiftY;
        return new ChestFilmTruth(
            _gain,
            _gamma,
            _noise,
            _shiftX,
            _shiftY,
            _rotation * 180 / Math.PI,
            _heartScale,
            hasLesion ? _contrast : null,
            hasLesion ? _radius : null,
            _finding switch
            {
                ChestFilmFinding.Pneumonia => _side == 0 ? "right" : "left",
                ChestFilmFinding.Oedema => "both",
                _ => null,
            },
            hasLesion ? (fx * size) - 0.5 : null,
            hasLesion ? (fy * size) - 0.5 : null);
    }

    /// <summary>An ellipse (or superellipse) with a soft edge.</summary>
    /// <param name="U">Centre, across.</param>
    /// <param name="V">Centre, down.</param>
    /// <param name="A">Half-width.</param>
    /// <param name="B">Half-height.</param>
    /// <param name="Power">2 for an ellipse; higher for a boxier superellipse.</param>
    private readonly record struct Lobe(double U, double V, double A, double B, double Power = 2)
    {
        /// <summary>1 inside, 0 outside, smooth over about <paramref name="edge"/> at the boundary.</summary>
        public double Inside(double u, double v, double edge)
        {
            double du = Math.Abs(u - U) / A;
            double dv = Math.Abs(v - V) / B;
            double e = Power == 2 ? Math.Sqrt((du * du) + (dv * dv)) : Math.Pow(Math.Pow(du, Power) + Math.Pow(dv, Power), 1 / Power);
            return Smooth((1 - e) * Math.Min(A, B) / edge);
        }
    }
}
