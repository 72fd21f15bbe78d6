using Galen.Core.Errors;
using Galen.Text.Deid.Keys;

namespace Galen.Text.Tests.Deid;

public sealed class PatientKeyStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "galen-keys-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_saved_store_decrypts_to_the_same_keys()
    {
        var key = KeyEncryptionKey.FromPassphrase("correct horse battery staple");
        var store = PatientKeyStore.CreateNew();
        var p1 = store.For("10023");
        var p2 = store.For("10024");
        string path = Path.Combine(_folder, "keys.bin");
        store.Save(path, key);

        var loaded = PatientKeyStore.Load(path, key);
        Assert.Equal(2, loaded.Count);
        Assert.Equal(p1.Secret, loaded.For("10023").Secret);
        Assert.Equal(p2.DateShiftDays, loaded.For("10024").DateShiftDays);
        Assert.Equal(store.PseudonymKey.ToArray(), loaded.PseudonymKey.ToArray());
        Assert.Equal(0, loaded.Added);
    }

    [Fact]
    public void The_file_holds_no_patient_key_in_clear()
    {
        var store = PatientKeyStore.CreateNew();
        store.For("patient-7781234");
        string path = Path.Combine(_folder, "keys.bin");
        store.Save(path, KeyEncryptionKey.FromPassphrase("another long passphrase"));
        string raw = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path));
        Assert.DoesNotContain("7781234", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_key_or_a_changed_byte_is_detected()
    {
        var key = KeyEncryptionKey.FromPassphrase("correct horse battery staple");
        var store = PatientKeyStore.CreateNew();
        store.For("10023");
        string path = Path.Combine(_folder, "keys.bin");
        store.Save(path, key);

        var wrong = Assert.Throws<GalenInputException>(() => PatientKeyStore.Load(path, KeyEncryptionKey.FromPassphrase("incorrect horse battery")));
        Assert.Contains("key is wrong or the file was changed", wrong.Message, StringComparison.Ordinal);

        var bytes = File.ReadAllBytes(path);
        bytes[^5] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        Assert.Throws<GalenInputException>(() => PatientKeyStore.Load(path, key));

        bytes[^5] ^= 0x01;
        bytes[10] ^= 0x01; // inside the authenticated salt
        File.WriteAllBytes(path, bytes);
        Assert.Throws<GalenInputException>(() => PatientKeyStore.Load(path, key));
    }

    [Fact]
    public void A_key_file_is_read_and_a_short_key_is_refused()
    {
        Directory.CreateDirectory(_folder);
        string keyFile = Path.Combine(_folder, "deid.key");
        File.WriteAllBytes(keyFile, Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());
        var store = PatientKeyStore.CreateNew();
        store.For("a");
        string path = Path.Combine(_folder, "keys.bin");
        store.Save(path, KeyEncryptionKey.FromFile(keyFile));
        Assert.Equal(1, PatientKeyStore.Load(path, KeyEncryptionKey.FromFile(keyFile)).Count);
        Assert.Throws<GalenConfigurationException>(() => KeyEncryptionKey.FromPassphrase("short"));
    }
}
