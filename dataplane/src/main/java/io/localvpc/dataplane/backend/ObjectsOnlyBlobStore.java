package io.localvpc.dataplane.backend;

import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.MutableStorageMetadata;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.domain.internal.PageSetImpl;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The objects of jclouds' {@code filesystem} blob store as S3 has them. That store keeps a key {@code a/b/c.txt} as the
 * file {@code c.txt} in the directories {@code a/b}, and lists those directories as if they were objects
 * ({@code a/}, {@code a/b/}, 4096 bytes, no ETag); S3 has only the object. An object whose key ends in {@code /} (an
 * empty "folder" a console makes) is a directory too, told apart by the checksum the store keeps for it. So:
 * <ul>
 *   <li>a listing without delimiter leaves out the directories that are not objects, and fills its page (MaxKeys) with
 *   the objects that follow, so pages are as long as S3's and continuation tokens stay the store's own keys;</li>
 *   <li>an object ending in {@code /} is 0 bytes long, as it was written, not the directory's 4096;</li>
 *   <li>a listing under a prefix ending in {@code /} includes the object of that very name when there is one (the
 *   store lists the directory's content only);</li>
 *   <li>a directory that is not an object is not one for reads either ({@code NoSuchKey}).</li>
 * </ul>
 * With a delimiter the directories are what S3's CommonPrefixes are, and are kept. Writes are not touched: the store's
 * own (a temporary file moved into place) keep their crash safety.
 */
final class ObjectsOnlyBlobStore extends ForwardingBlobStore {
    private static final String SLASH = "/";

    ObjectsOnlyBlobStore(BlobStore store) {
        super(store);
    }

    /** A directory the store made to hold nested keys: no object of S3's (an object ending in {@code /} has an ETag). */
    static boolean onlyADirectory(StorageMetadata m) {
        return m != null && m.getType() == StorageType.FOLDER && m.getETag() == null;
    }

    private static StorageMetadata asObject(StorageMetadata m) {
        if (m.getType() != StorageType.RELATIVE_PATH && m.getName() != null && m.getName().endsWith(SLASH)
                && m instanceof MutableStorageMetadata mutable && m.getETag() != null) {
            mutable.setSize(0L);
        }
        return m;
    }

    @Override
    public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
        boolean withDelimiter = options.getDelimiter() != null || !options.isRecursive();
        Integer max = options.getMaxResults();
        int want = max == null ? Integer.MAX_VALUE : max;
        List<StorageMetadata> out = new ArrayList<>();
        String marker = options.getMarker();
        String prefix = options.getPrefix() != null ? options.getPrefix() : options.getDir() != null ? options.getDir() + SLASH : null;
        if (prefix != null && prefix.endsWith(SLASH) && want > 0 && (marker == null || marker.compareTo(prefix) < 0)) {
            BlobMetadata self = delegate().blobMetadata(container, prefix);
            if (self != null && !onlyADirectory(self) && self.getType() == StorageType.FOLDER) {
                // an object, not a prefix to roll keys up into: s3proxy lists a FOLDER under a delimiter as a CommonPrefix
                org.jclouds.blobstore.domain.internal.MutableBlobMetadataImpl object = new org.jclouds.blobstore.domain.internal.MutableBlobMetadataImpl(self);
                object.setType(StorageType.BLOB);
                out.add(asObject(object));
            }
        }
        if (out.size() >= want) return new PageSetImpl<>(out, out.get(out.size() - 1).getName());
        while (true) {
            ListContainerOptions page = options.clone();
            if (marker != null) page.afterMarker(marker);
            if (max != null) page.maxResults(want - out.size());
            PageSet<? extends StorageMetadata> listed = delegate().list(container, page);
            for (StorageMetadata m : listed) {
                if (withDelimiter || !onlyADirectory(m)) out.add(asObject(m));
            }
            marker = listed.getNextMarker();
            if (withDelimiter || marker == null || out.size() >= want) return new PageSetImpl<>(out, marker);
        }
    }

    @Override
    public BlobMetadata blobMetadata(String container, String name) {
        BlobMetadata m = delegate().blobMetadata(container, name);
        return onlyADirectory(m) ? null : m == null ? null : (BlobMetadata) asObject(m);
    }

    @Override
    public Blob getBlob(String container, String name) {
        return getBlob(container, name, GetOptions.NONE);
    }

    @Override
    public Blob getBlob(String container, String name, GetOptions options) {
        Blob blob = delegate().getBlob(container, name, options);
        if (blob == null) return null;
        if (onlyADirectory(blob.getMetadata())) return null;
        asObject(blob.getMetadata());
        return blob;
    }

    @Override
    public boolean blobExists(String container, String name) {
        return name.endsWith(SLASH) ? blobMetadata(container, name) != null : delegate().blobExists(container, name);
    }
}
