using Galen.Core.Bundles;
using Galen.Deep.Models;

namespace Galen.Deep.Persistence;

/// <summary>
/// Bundle codec of the deep family: the same two entries as a <c>.galen-model</c> file
/// (<see cref="DeepModelCodec.ConfigurationEntry"/> with settings, target, vocabulary or scaling,
/// and <see cref="DeepModelCodec.WeightsEntry"/>) inside a Galen model bundle, so a network is
/// saved, evaluated, reported and served like a tabular model. Every Galen.Deep family that
/// <see cref="DeepModelCodec"/> knows goes through this one codec.
/// </summary>
/// <param name="device">Where loaded networks run: <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> or <c>auto</c>.</param>
public sealed class DeepBundleCodec(string device = "cpu") : IModelCodec
{
    /// <summary>The family name in bundle manifests.</summary>
    public const string FamilyName = "deep";

    public string Family => FamilyName;

    public int FamilyVersion => 1;

    public IReadOnlyList<int> ReadableFamilyVersions => [1];

    public bool CanWrite(object model) => model is IDeepModel;

    public void Write(object model, BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        DeepModelCodec.Write((IDeepModel)model, new EntryWriter(writer));
    }

    public object Read(BundleReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return DeepModelCodec.Read(new EntryReader(reader), device);
    }

    private sealed class EntryWriter(BundleWriter writer) : IModelEntryWriter
    {
        public Stream Create(string name) => new PendingEntry(writer, name);
    }

    /// <summary>Collects an entry's bytes and adds them to the bundle when disposed.</summary>
    private sealed class PendingEntry(BundleWriter writer, string name) : MemoryStream
    {
        private bool _added;

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_added)
            {
                _added = true;
                writer.Add(name, ToArray());
            }

            base.Dispose(disposing);
        }
    }

    private sealed class EntryReader(BundleReader reader) : IModelEntryReader
    {
        public string Source => reader.Path;

        public bool Contains(string name) => reader.Contains(name);

        public Stream Open(string name) => new MemoryStream(reader.ReadAllBytes(name), writable: false);
    }
}
