using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Galen.Core.Errors;

namespace Galen.Text.Deid.Keys;

/// <summary>
/// The per-patient keys (<see cref="PatientSecrets"/>) and the pseudonym key for identifiers,
/// kept encrypted at rest with AES-256-GCM under a <see cref="KeyEncryptionKey"/>. New patients
/// get fresh random keys from the operating system's CSPRNG — key material is deliberately not
/// derived from a configurable seed. File layout: "GALENKS1", 16-byte salt, 12-byte nonce, 16-byte
/// tag, ciphertext; the magic and salt are authenticated too, so any change is detected.
/// </summary>
public sealed class PatientKeyStore
{
    private static readonly byte[] Magic = "GALENKS1"u8.ToArray();
    private readonly ConcurrentDictionary<string, PatientSecrets> _patients = new(StringComparer.Ordinal);
    private readonly byte[] _pseudonymKey;
    private int _added;

    private PatientKeyStore(byte[] pseudonymKey)
    {
        _pseudonymKey = pseudonymKey;
    }

    /// <summary>A new store with a fresh random pseudonym key.</summary>
    public static PatientKeyStore CreateNew() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key of the HMAC-SHA256 pseudonyms of identifiers (MRNs, SSNs, patient keys …).</summary>
    public ReadOnlySpan<byte> PseudonymKey => _pseudonymKey;

    /// <summary>Patients held.</summary>
    public int Count => _patients.Count;

    /// <summary>Patients added since the store was created or loaded.</summary>
    public int Added => _added;

    /// <summary>The patient's keys, made (randomly) on first use. Thread-safe.</summary>
    public PatientSecrets For(string patientKey)
    {
        ArgumentNullException.ThrowIfNull(patientKey);
        return _patients.GetOrAdd(patientKey, static (key, store) =>
        {
            Interlocked.Increment(ref store._added);
            int weeks = RandomNumberGenerator.GetInt32(2, 53) * (RandomNumberGenerator.GetInt32(2) == 0 ? -1 : 1);
            return new PatientSecrets(key, RandomNumberGenerator.GetBytes(32), weeks * 7);
        }, this);
    }

    /// <summary>Encrypts the store to <paramref name="path"/> (written to a temporary file, then moved).</summary>
    public void Save(string path, KeyEncryptionKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var contents = new StoreContents(
            Convert.ToBase64String(_pseudonymKey),
            _patients.Values.OrderBy(p => p.PatientKey, StringComparer.Ordinal).Select(p => new StoredPatient(p.PatientKey, Convert.ToBase64String(p.Secret), p.DateShiftDays)).ToList());
        var plain = JsonSerializer.SerializeToUtf8Bytes(contents, StoreJson.Default.StoreContents);
        var salt = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var tag = new byte[16];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(key.DeriveAesKey(salt), 16))
        {
            aes.Encrypt(nonce, plain, cipher, tag, AssociatedData(salt));
        }

        CryptographicOperations.ZeroMemory(plain);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + ".tmp";
        using (var file = File.Create(temporary))
        {
            file.Write(Magic);
            file.Write(salt);
            file.Write(nonce);
            file.Write(tag);
            file.Write(cipher);
        }

        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Decrypts a store; a wrong key or any change to the file is an error naming the file.</summary>
    public static PatientKeyStore Load(string path, KeyEncryptionKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bytes = File.ReadAllBytes(path);
        int header = Magic.Length + 16 + 12 + 16;
        if (bytes.Length < header || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new GalenInputException("is not a Galen key store.", new SourceLocation(path), "Give the file written by `galen deid --keys`.");
        }

        var salt = bytes.AsSpan(Magic.Length, 16);
        var nonce = bytes.AsSpan(Magic.Length + 16, 12);
        var tag = bytes.AsSpan(Magic.Length + 28, 16);
        var cipher = bytes.AsSpan(header);
        var plain = new byte[cipher.Length];
        try
        {
            using var aes = new AesGcm(key.DeriveAesKey(salt), 16);
            aes.Decrypt(nonce, cipher, tag, plain, AssociatedData(salt));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new GalenInputException("cannot be decrypted: the key is wrong or the file was changed.", new SourceLocation(path), "Use the key that wrote it; a changed key store cannot be trusted.", e);
        }

        var contents = JsonSerializer.Deserialize(plain, StoreJson.Default.StoreContents)
            ?? throw new GalenInputException("holds no keys.", new SourceLocation(path));
        CryptographicOperations.ZeroMemory(plain);
        var store = new PatientKeyStore(Convert.FromBase64String(contents.PseudonymKey));
        foreach (var patient in contents.Patients)
        {
            store._patients[patient.Key] = new PatientSecrets(patient.Key, Convert.FromBase64String(patient.Secret), patient.ShiftDays);
        }

        return store;
    }

    /// <summary>Loads the store at <paramref name="path"/>, or starts a new one when the file does not exist.</summary>
    public static PatientKeyStore OpenOrCreate(string path, KeyEncryptionKey key) => File.Exists(path) ? Load(path, key) : CreateNew();

    private static byte[] AssociatedData(ReadOnlySpan<byte> salt) => [.. Magic, .. salt];

    internal sealed record StoredPatient(string Key, string Secret, int ShiftDays);

    internal sealed record StoreContents(string PseudonymKey, List<StoredPatient> Patients);
}

/// <summary>Source-generated JSON for the key store's plaintext.</summary>
[JsonSerializable(typeof(PatientKeyStore.StoreContents))]
internal sealed partial class StoreJson : JsonSerializerContext;
