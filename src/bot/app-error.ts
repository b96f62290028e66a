// AppError lives in src/shared (the domain throws it, so it cannot sit above the domain); kept here for the bot layer.
export * from '../shared/app-error.js';
