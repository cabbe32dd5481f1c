'use strict';
// An ltijs database plugin that keeps everything in memory. ltijs ships a MongoDB store and an optional Sequelize
// plugin; neither database can be started offline here, and the test tool lives for one test run only.
// The plugin interface is ltijs's own Database class: Get, Insert, Replace, Modify, Delete, setup, Close.
class MemoryDatabase {
  constructor() {
    this.collections = new Map();
  }

  async setup() {
    return true;
  }

  async Close() {
    return true;
  }

  docs(collection) {
    if (!this.collections.has(collection)) this.collections.set(collection, []);
    return this.collections.get(collection);
  }

  static matches(doc, query) {
    if (!query) return true;
    return Object.entries(query).every(([k, v]) => JSON.stringify(doc[k]) === JSON.stringify(v));
  }

  async Get(_key, collection, query) {
    const found = this.docs(collection).filter((d) => MemoryDatabase.matches(d, query));
    return found.length === 0 ? false : found.map((d) => JSON.parse(JSON.stringify(d)));
  }

  async Insert(_key, collection, item, index) {
    this.docs(collection).push({ ...(index || {}), ...JSON.parse(JSON.stringify(item)), createdAt: Date.now() });
    return true;
  }

  async Replace(_key, collection, query, item, index) {
    await this.Delete(collection, query);
    return this.Insert(_key, collection, item, index);
  }

  async Modify(_key, collection, query, modification) {
    for (const doc of this.docs(collection)) {
      if (MemoryDatabase.matches(doc, query)) Object.assign(doc, JSON.parse(JSON.stringify(modification)));
    }
    return true;
  }

  async Delete(collection, query) {
    const kept = this.docs(collection).filter((d) => !MemoryDatabase.matches(d, query));
    this.collections.set(collection, kept);
    return true;
  }
}

module.exports = MemoryDatabase;
