using Galen.Core.Learning;
using Galen.Deep.Models.Imaging;
using Galen.Deep.Tests.Fixtures;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Galen.Deep.Tests.Imaging;

public sealed class GradCamTests(TrainedPneumoniaModel trained, ITestOutputHelper output) : IClassFixture<TrainedPneumoniaModel>
{
    [Fact]
    public void Grad_cam_highlights_the_region_where_the_lesion_was_drawn()
    {
        // At 32×32 the half-peak lesion mask covers ~2.6 % of the film (a few pixels) and the last
        // block's map is 8×8, so the map cannot be sharper than a few pixels. A map that ignored the
        // lesion would put its mass on the mask in proportion to the mask's area (ratio 1), its peak
        // near the box (a ~9×9 area) on ~1 film in 10, and half its mass on the lesion's side of the chest.
        var rows = Enumerable.Range(0, trained.TestFilms.Count).Where(i => trained.TestFilms[i].Lesion is not null).ToArray();
        var maps = trained.Model.Saliency(trained.Test.Inputs.Select(rows), classIndex: 1);

        int peaksNear = 0;
        double mass = 0;
        double area = 0;
        double sameSide = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            var film = trained.TestFilms[rows[i]];
            var box = film.Lesion!;
            var (x, y) = maps[i].Peak();
            peaksNear += x >= box.Left - 2 && x < box.Right + 2 && y >= box.Top - 2 && y < box.Bottom + 2 ? 1 : 0;
            mass += maps[i].MassInside(film.LesionMask);
            area += film.LesionArea / (double)film.LesionMask.Length;
            bool lesionOnLeft = box.Left + box.Right < film.Size;
            sameSide += maps[i].MassInside(Enumerable.Range(0, film.Size * film.Size).Select(p => (p % film.Size < film.Size / 2) == lesionOnLeft).ToArray());
        }

        output.WriteLine($"{rows.Length} films: peak within 2 px of the box {peaksNear / (double)rows.Length:P1}, mass in mask {mass / rows.Length:P1} against mask area {area / rows.Length:P1}, mass on the lesion's side {sameSide / rows.Length:P1}");
        Assert.True(mass / area > 2, $"saliency inside the lesion {mass / rows.Length:P1} against its area {area / rows.Length:P1}");
        Assert.True(peaksNear > rows.Length * 2 / 5, $"peak within 2 pixels of the lesion box on {peaksNear} of {rows.Length} films");
        Assert.True(sameSide / rows.Length > 0.7, $"saliency on the lesion's side of the chest {sameSide / rows.Length:P1}");
    }

    [Fact]
    public void Grad_cam_of_a_pooled_linear_head_is_the_class_activation_map()
    {
        // With global average pooling and a linear head, d(logit_k)/dA_c(i, j) = w_kc / (h·w), so
        // Grad-CAM reduces to Zhou et al.'s CAM, relu(Σ_c w_kc A_c), up to its scale.
        manual_seed(8);
        using var network = new ImageClassifierOptions { Widths = [4, 6], StemStride = 1 }.CreateNetwork(channels: 1, outputs: 3);
        network.eval();
        using var scope = NewDisposeScope();
        var images = randn(2, 1, 8, 8);
        var schema = new LabelSchema("k", LabelKind.Multiclass, ["a", "b", "c"], "k");

        var maps = GradCam.Compute(network, images, schema, classIndex: 2);

        Tensor cam;
        using (no_grad())
        {
            var features = network.Features(images);
            var head = network.named_parameters().Single(p => p.name.EndsWith("head.weight", StringComparison.Ordinal)).parameter;
            cam = nn.functional.relu((head[2].view(1, -1, 1, 1) * features).sum(1, keepdim: true));
            cam = nn.functional.interpolate(cam, [8, 8], mode: InterpolationMode.Bilinear, align_corners: false).squeeze(1);
        }

        for (int i = 0; i < 2; i++)
        {
            var expected = cam[i].flatten().data<float>().ToArray();
            float peak = expected.Max();
            for (int p = 0; p < 64; p++)
            {
                Assert.Equal(expected[p] / peak, maps[i].Values[p], 4);
            }

            Assert.Equal("c", maps[i].ClassName);
        }
    }

    [Fact]
    public void Explaining_leaves_the_weights_and_their_gradients_as_they_were()
    {
        var before = trained.Model.Network.parameters().Select(p => (p.sum().item<float>(), p.grad?.abs().sum().item<float>())).ToArray();

        var maps = trained.Model.Saliency(trained.Test.Inputs.Select([0, 1, 2]));

        Assert.Equal(3, maps.Count);
        Assert.Equal(before, trained.Model.Network.parameters().Select(p => (p.sum().item<float>(), p.grad?.abs().sum().item<float>())).ToArray());
    }

    [Fact]
    public void A_map_reports_its_peak_and_the_share_of_its_mass_inside_a_mask()
    {
        var map = new SaliencyMap(2, 3, [0f, 0.5f, 0f, 0f, 1f, 0.5f], 1, "yes");

        Assert.Equal((1, 1), map.Peak());
        Assert.Equal(1.0 / 2.0, map.MassInside([false, false, false, true, true, false]), 10);
        Assert.True(double.IsNaN(new SaliencyMap(1, 2, [0f, 0f], 1, "yes").MassInside([true, false])));
    }
}
