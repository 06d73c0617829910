// The kernel must refuse this plugin by its manifest, before importing any of its code.
throw new Error('engine-mismatch: this entry must never be imported')
