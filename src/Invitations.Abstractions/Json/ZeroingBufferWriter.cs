using System.Buffers;

namespace Invitations.Json;

/// <summary>
/// A growable byte buffer that never leaves written bytes behind: growing zeroes the array it replaces, and
/// <see cref="Clear()"/> zeroes the whole capacity (including bytes a writer requested but never committed,
/// which <c>ArrayBufferWriter.Clear()</c> would miss). For buffers that hold personal data.
/// </summary>
internal sealed class ZeroingBufferWriter(int initialCapacity) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[initialCapacity];
    private int _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public int Capacity => _buffer.Length;

    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        var start = Ensure(sizeHint); // before reading _buffer: Ensure may replace it
        return _buffer.AsMemory(start);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        var start = Ensure(sizeHint);
        return _buffer.AsSpan(start);
    }

    /// <summary>Zeroes every byte of the buffer and starts over.</summary>
    public void Clear()
    {
        Array.Clear(_buffer);
        _written = 0;
    }

    private int Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed > _buffer.Length)
        {
            var grown = new byte[Math.Max(needed, _buffer.Length * 2)];
            _buffer.AsSpan(0, _written).CopyTo(grown);
            Array.Clear(_buffer);
            _buffer = grown;
        }

        return _written;
    }
}
