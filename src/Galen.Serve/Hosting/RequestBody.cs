using System.Text.Json;
using Galen.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Galen.Serve.Hosting;

/// <summary>Reads request bodies strictly: the right media type (else 415) and well-formed JSON (else 400 naming the line).</summary>
public static class RequestBody
{
    /// <summary>The body's bytes, after checking its media type is one of <paramref name="mediaTypes"/>.</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, IReadOnlyList<string> mediaTypes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireMediaType(request, mediaTypes);
        if (request.ContentLength is long declared && declared > 0 && declared <= Array.MaxLength)
        {
            // One array of the declared size (the size limit has already refused a larger
            // declaration): no growing buffer and no copy of it, which for CDS prefetches of a
            // hundred kilobytes and more were large-object-heap allocations on every call.
            var bytes = new byte[declared];
            int read = 0;
            while (read < bytes.Length)
            {
                int n = await request.Body.ReadAsync(bytes.AsMemory(read), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new BadHttpRequestException($"The request body ended after {read} of the {declared} bytes its Content-Length declares.", StatusCodes.Status400BadRequest);
                }

                read += n;
            }

            return bytes;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            throw new GalenInputException("The request body is empty.");
        }

        return buffer.ToArray();
    }

    /// <summary>The body as a JSON document (media type application/json).</summary>
    public static async Task<(JsonDocument Document, byte[] Bytes)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken, params string[] mediaTypes)
    {
        var bytes = await ReadBytesAsync(request, mediaTypes.Length == 0 ? ["application/json"] : mediaTypes, cancellationToken).ConfigureAwait(false);
        return (ParseJson(bytes), bytes);
    }

    /// <summary>Parses JSON; a syntax error becomes a 400 naming its line and byte.</summary>
    public static JsonDocument ParseJson(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new GalenInputException(
                "The request body is not valid JSON.",
                new SourceLocation("request body", (e.LineNumber ?? 0) + 1, Value: $"byte {(e.BytePositionInLine ?? 0) + 1}"));
        }
    }

    /// <summary>Throws 415 unless the request's media type is one of <paramref name="mediaTypes"/>.</summary>
    public static void RequireMediaType(HttpRequest request, IReadOnlyList<string> mediaTypes)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(mediaTypes);
        string? contentType = request.ContentType;
        string mediaType = contentType?.Split(';', 2)[0].Trim() ?? string.Empty;
        if (!mediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException(
                $"Content-Type '{mediaType}' is not accepted here; send {string.Join(" or ", mediaTypes)}.",
                StatusCodes.Status415UnsupportedMediaType);
        }
    }
}
