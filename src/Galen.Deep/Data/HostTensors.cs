using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Data;

/// <summary>
/// Batch tensors written in place: allocated by libtorch in CPU memory and filled through a
/// span, so building a batch allocates no managed arrays and copies each value once.
/// </summary>
internal static class HostTensors
{
    public static Tensor Empty(ScalarType type, params ReadOnlySpan<long> shape) => torch.empty(shape, type);

    /// <summary>The tensor's storage as a span; only for contiguous CPU tensors made by <see cref="Empty"/>.</summary>
    public static Span<T> Span<T>(Tensor tensor)
        where T : unmanaged => MemoryMarshal.Cast<byte, T>(tensor.bytes);

    /// <summary>Moves a batch tensor to the device, or returns it when it already lives there.</summary>
    public static Tensor On(Tensor tensor, Device device) =>
        device.type == DeviceType.CPU ? tensor : tensor.to(device, non_blocking: true);
}
