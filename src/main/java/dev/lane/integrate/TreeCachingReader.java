package dev.lane.integrate;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * The pass's object reader: keeps the trees it has read, so the trees every lane is compared with (main's root tree,
 * the folders several lanes touch) are read and inflated once per pass, not once per lane and per comparison. A tree
 * is immutable under its id, so a kept tree is never stale. Only small trees are kept, up to {@link #BUDGET} bytes in
 * all; anything else is read through as before. A kept tree asked for as another type (a blob, a commit) is refused
 * with {@link IncorrectObjectTypeException}, as the reader below refuses it.
 */
final class TreeCachingReader extends ObjectReader.Filter {
    /** Largest tree kept (a folder of some 2,000 entries). */
    private static final int LARGEST = 64 * 1024;
    /** Bytes kept at most, for the whole pass. */
    static final long BUDGET = 32L * 1024 * 1024;
    private final ObjectReader delegate;
    private final Map<ObjectId, byte[]> trees = new HashMap<>();
    private long kept;

    TreeCachingReader(ObjectReader delegate) {
        this.delegate = delegate;
    }

    @Override
    protected ObjectReader delegate() {
        return delegate;
    }

    @Override
    public ObjectLoader open(AnyObjectId id, int typeHint) throws IOException {
        byte[] tree = trees.get(id);
        if (tree != null) {
            if (typeHint != OBJ_ANY && typeHint != Constants.OBJ_TREE) { // as the reader below would answer
                throw new IncorrectObjectTypeException(id.copy(), typeHint);
            }
            return new ObjectLoader.SmallObject(Constants.OBJ_TREE, tree);
        }
        ObjectLoader loader = delegate.open(id, typeHint);
        if (loader.getType() == Constants.OBJ_TREE && !loader.isLarge() && loader.getSize() <= LARGEST
                && kept + loader.getSize() <= BUDGET) {
            byte[] bytes = loader.getCachedBytes();
            trees.put(id.copy(), bytes);
            kept += bytes.length;
            return new ObjectLoader.SmallObject(Constants.OBJ_TREE, bytes);
        }
        return loader;
    }

    @Override
    public ObjectLoader open(AnyObjectId id) throws IOException {
        return open(id, OBJ_ANY);
    }
}
