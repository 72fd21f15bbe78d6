using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Tests.Fixtures;

/// <summary>Checks that back-propagation reaches every weight of a network.</summary>
internal static class Gradients
{
    /// <summary>Names of parameters whose gradient is missing or all zero after <paramref name="loss"/>.backward().</summary>
    public static IReadOnlyList<string> Dead(nn.Module network, Tensor loss)
    {
        network.zero_grad();
        loss.backward();
        var dead = new List<string>();
        foreach (var (name, parameter) in network.named_parameters())
        {
            var grad = parameter.grad;
            if (grad is null || grad.abs().sum().item<float>() == 0f)
            {
                dead.Add(name);
            }
        }

        return dead;
    }
}
