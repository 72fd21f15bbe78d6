using Galen.Core.Errors;
using Galen.Deep.Training;
using TorchSharp;

namespace Galen.Deep.Tests.Training;

public sealed class TrainingEnvironmentTests
{
    [Fact]
    public void Asking_for_cuda_where_libtorch_has_none_is_a_configuration_error_that_says_what_to_do()
    {
        if (torch.cuda.is_available())
        {
            Assert.Equal(DeviceType.CUDA, TrainingEnvironment.ResolveDevice("cuda").type);
            return;
        }

        var error = Assert.Throws<GalenConfigurationException>(() => TrainingEnvironment.ResolveDevice("cuda"));

        Assert.Contains("no CUDA device", error.Message, StringComparison.Ordinal);
        Assert.Contains("--device cpu", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("CPU")]
    [InlineData("auto")]
    public void Cpu_and_auto_resolve_to_a_usable_device(string name)
    {
        var device = TrainingEnvironment.ResolveDevice(name);

        Assert.Equal(torch.cuda.is_available() && name == "auto" ? DeviceType.CUDA : DeviceType.CPU, device.type);
    }

    [Fact]
    public void An_unknown_device_is_a_configuration_error()
    {
        var error = Assert.Throws<GalenConfigurationException>(() => TrainingEnvironment.ResolveDevice("tpu"));

        Assert.Contains("cpu, cuda, cuda:N or auto", error.Message, StringComparison.Ordinal);
    }
}
