import { CandleRepo } from './candleRepo.js';
import { ChatMoveRepo } from './chatMoveRepo.js';
import { CursorRepo } from './cursorRepo.js';
import type { Db } from './db.js';
import { HaltRepo } from './haltRepo.js';
import { MemoryRepo } from './memoryRepo.js';
import { OutboxRepo } from './outboxRepo.js';
import { SignalRepo } from './signalRepo.js';
import { TradeRepo } from './tradeRepo.js';

/** Every repository over one database file. */
export interface Repos {
  readonly db: Db;
  readonly candles: CandleRepo;
  readonly signals: SignalRepo;
  readonly trades: TradeRepo;
  readonly memory: MemoryRepo;
  readonly cursors: CursorRepo;
  readonly outbox: OutboxRepo;
  readonly halts: HaltRepo;
  /** Chats Telegram gave a new id (a group upgraded to a supergroup). */
  readonly chatMoves: ChatMoveRepo;
}

export function createRepos(db: Db): Repos {
  return {
    db,
    candles: new CandleRepo(db),
    signals: new SignalRepo(db),
    trades: new TradeRepo(db),
    memory: new MemoryRepo(db),
    cursors: new CursorRepo(db),
    outbox: new OutboxRepo(db),
    halts: new HaltRepo(db),
    chatMoves: new ChatMoveRepo(db),
  };
}
