using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Galen.Serve.Hosting;

/// <summary>
/// Enforces request body limits on every server (Kestrel and the in-memory test server alike):
/// a declared Content-Length over the limit is refused at once with 413, and a chunked body is
/// cut off with 413 as soon as it passes the limit.
/// </summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next, ServeOptions options)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        long limit = context.GetEndpoint()?.Metadata.GetMetadata<BodySizeLimit>()?.Bytes ?? options.MaxRequestBodyBytes;
        if (context.Request.ContentLength is { } length && length > limit)
        {
            throw new BadHttpRequestException($"The request body is {length} bytes; this endpoint accepts at most {limit}.", StatusCodes.Status413PayloadTooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            serverLimit.MaxRequestBodySize = limit;
        }

        context.Request.Body = new LimitedReadStream(context.Request.Body, limit);
        return next(context);
    }

    /// <summary>Passes reads through until more than the limit has been read.</summary>
    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit)
            {
                throw new BadHttpRequestException($"The request body is over the {limit}-byte limit of this endpoint.", StatusCodes.Status413PayloadTooLarge);
            }

            return read;
        }
    }
}
